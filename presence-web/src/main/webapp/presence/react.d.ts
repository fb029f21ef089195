import type { ReactNode } from "react";
import type { ConnectionOptions, ConnectionState, ResourceEvent, Viewer } from "./presence-client.js";

export interface PresenceProviderProps {
  options: ConnectionOptions & { transport?: "auto" | "websocket" | "rest" };
  children?: ReactNode;
}

/** Gives the hooks below it their connection options; without it the token cookie authenticates. */
export function PresenceProvider(props: PresenceProviderProps): ReactNode;

/** The others on a record, for an editor form; the tab edits and is dirty while `isDirty`. */
export function useRecordPresence(
  recordType: string, recordId: string | number, isDirty?: boolean,
): { viewers: Viewer[]; tabId: string | null; state: ConnectionState };

/** Reports that the user is viewing or editing a record while the component is mounted. */
export function usePresence(
  resourceType: string, resourceId: string | number, action?: "viewing" | "editing",
): { viewers: Viewer[]; state: ConnectionState };

/** A resource event with `action` as a verb (`create`, `update`, `delete`; other actions as declared). */
export interface ResourceUpdate extends ResourceEvent {
  action: string;
  id: string;
}

/** Calls `handler` for every resource event of a record of `resourceType` the user may see. */
export function useResourceUpdates(resourceType: string, handler: (update: ResourceUpdate) => void): void;
