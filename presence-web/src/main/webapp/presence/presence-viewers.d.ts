import type { ConnectionState, PresenceClient, Viewer } from "./presence-client.js";

/** `<presence-viewers max="3">`: the "who's viewing" strip, defined when this module loads. */
export class PresenceViewers extends HTMLElement {
  client: PresenceClient;
  viewers: Viewer[];
  state: ConnectionState;
}

declare global {
  interface HTMLElementTagNameMap {
    "presence-viewers": PresenceViewers;
  }
}
