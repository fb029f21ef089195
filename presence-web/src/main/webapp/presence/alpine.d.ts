import type { ConnectionOptions } from "./presence-client.js";

/** An Alpine.js plugin: a function Alpine.plugin() calls with Alpine. */
export type AlpinePlugin = (Alpine: { data(name: string, factory: (...args: any[]) => object): void }) => void;

/** Registers `recordPresence(type, id)` and `resourceUpdates(type)` with these connection options. */
export function presencePlugin(options?: ConnectionOptions): AlpinePlugin;

/** The plugin for pages whose token cookie authenticates. */
declare const presence: AlpinePlugin;
export default presence;
