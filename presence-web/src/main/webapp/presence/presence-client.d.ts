/** Types of the browser client (presence-client.js); the wire shapes are docs/protocol.md's. */

/** One user on a record, aggregated over their tabs. */
export interface Viewer {
  id: string;
  /** The display name; `name` carries the same. */
  user_name: string;
  name: string;
  tabs: number;
  has_dirty_tab: boolean;
  mode: "view" | "edit";
  active_fields: string[];
  last_seen_at: string;
}

/** A resource event (`work_order_updated`…) as the server pushes it. */
export interface ResourceEvent {
  type: string;
  resource_type: string;
  id: string;
  resource_id: string;
  action: string;
  user_id: string | null;
  user: string | null;
  data: Record<string, unknown>;
  timestamp: string;
}

/** A user-level message, sent to connections that asked with `userEvents`. */
export interface UserEvent {
  type: "user_joined" | "user_left" | "presence_update";
  user_id: string;
  user: string;
  resource_type?: string;
  resource_id?: string;
  timestamp?: string;
  data?: { resource_type: string; resource_id: string; action: "viewing" | "editing"; timestamp: string };
}

export type ConnectionState = "connecting" | "live" | "reconnecting" | "polling" | "offline" | "refused" | "stopped";

/** How a client reaches the node. Without `token`, the page's token cookie authenticates (same origin). */
export interface ConnectionOptions {
  token?: string;
  tenant?: string;
  baseUrl?: string;
  wsUrl?: string;
  /** Sent as X-CSRF-TOKEN on cookie-authenticated changes; default the page's meta csrf-token, else "1". */
  csrfToken?: string;
  backoff?: { initialMs?: number; maxMs?: number; jitter?: number };
}

export interface PresenceClientOptions extends ConnectionOptions {
  resourceType: string;
  resourceId: string;
  transport?: "auto" | "websocket" | "rest";
  pollIntervalMs?: number;
  includeSelf?: boolean;
  mode?: "view" | "edit";
}

export interface PresenceChange {
  mode?: "view" | "edit";
  dirty?: boolean;
  activeField?: string | null;
}

export interface PresenceClientEventMap {
  viewerschange: CustomEvent<{ viewers: Viewer[]; currentUserId: string | null }>;
  resourceevent: CustomEvent<ResourceEvent>;
  statechange: CustomEvent<{ state: ConnectionState; transport: "websocket" | "rest" | null }>;
  presenceerror: CustomEvent<{ code: string; message: string }>;
}

/** One page's presence on one record. */
export class PresenceClient extends EventTarget {
  constructor(options: PresenceClientOptions);
  readonly options: PresenceClientOptions;
  readonly api: PresenceApi;
  readonly tabId: string;
  readonly viewers: Viewer[];
  readonly currentUserId: string | null;
  readonly state: ConnectionState;
  readonly transport: "websocket" | "rest" | null;
  start(): this;
  update(change: PresenceChange): void;
  stop(): void;
  addEventListener<K extends keyof PresenceClientEventMap>(
    type: K, listener: (event: PresenceClientEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions): void;
}

export interface ResourceFeedOptions extends ConnectionOptions {
  resourceType: string;
  /** Also receive user_joined, user_left and presence_update. */
  userEvents?: boolean;
}

export interface ResourceFeedEventMap {
  resourceevent: CustomEvent<ResourceEvent>;
  recordschange: CustomEvent<{ records: Map<string, Viewer[]> }>;
  userevent: CustomEvent<UserEvent>;
  statechange: CustomEvent<{ state: "connecting" | "live" | "reconnecting" | "refused" | "stopped" }>;
}

/** Everything that happens on the records of one resource type (list pages). */
export class ResourceFeed extends EventTarget {
  constructor(options: ResourceFeedOptions);
  readonly options: ResourceFeedOptions;
  readonly state: "connecting" | "live" | "reconnecting" | "refused" | "stopped";
  readonly records: Map<string, Viewer[]>;
  start(): this;
  stop(): void;
  addEventListener<K extends keyof ResourceFeedEventMap>(
    type: K, listener: (event: ResourceFeedEventMap[K]) => void, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions): void;
}

/** A refused or failed REST call: `status` 0 when no answer arrived. */
export class PresenceError extends Error {
  constructor(status: number, code: string, message: string);
  readonly status: number;
  readonly code: string;
}

/** The REST API, each answer unwrapped from its envelope. */
export class PresenceApi {
  constructor(options: ConnectionOptions);
  url(path: string): string;
  socketUrl(override?: string): string;
  authHeaders(): Record<string, string>;
  request<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  beaconUnregister(resourceType: string, resourceId: string, tabId: string): boolean;
}
