import { PresenceClient, ResourceFeed } from "./presence-client.js";

/**
 * Alpine.js components over the browser client (docs/client.md, "Alpine"). Register once, before
 * Alpine starts: `Alpine.plugin(presencePlugin({token, tenant, baseUrl}))`, or `Alpine.plugin(presence)`
 * for a page whose token cookie authenticates (same origin). Then:
 *
 * - `x-data="recordPresence('flow', 42)"`: `viewers` (the others, each with `id`, `name`, `mode`…),
 *   `tabId`, `state`; set `isDirty` (or `activeField`) and the record hears it at once.
 * - `x-data="resourceUpdates('work_order')"`: `events` (newest last) and `lastEvent`; each event is also
 *   dispatched as `resource-updated` from the component's element, e.g. `@resource-updated="reload()"`.
 *
 * The clients live outside Alpine's reactive state (a proxy would hide their private fields) and stop
 * when the component's element leaves the page.
 */
export function presencePlugin(options = {}) {
  return (Alpine) => {
    Alpine.data("recordPresence", (recordType, recordId) => {
      let client = null;
      return {
        viewers: [],
        tabId: null,
        state: "stopped",
        isDirty: false,
        activeField: null,
        init() {
          client = new PresenceClient({ ...options, resourceType: recordType, resourceId: String(recordId) });
          client.addEventListener("viewerschange", (e) => { this.viewers = e.detail.viewers; });
          client.addEventListener("statechange", (e) => { this.state = e.detail.state; });
          client.start();
          this.tabId = client.tabId;
          const report = () => client.update({ mode: this.isDirty ? "edit" : "view", dirty: Boolean(this.isDirty),
            activeField: this.activeField || null });
          this.$watch("isDirty", report);
          this.$watch("activeField", report);
        },
        destroy() {
          client?.stop();
        },
      };
    });

    Alpine.data("resourceUpdates", (resourceType) => {
      let feed = null;
      return {
        events: [],
        lastEvent: null,
        init() {
          feed = new ResourceFeed({ ...options, resourceType });
          feed.addEventListener("resourceevent", (e) => {
            this.events.push(e.detail);
            this.lastEvent = e.detail;
            this.$dispatch("resource-updated", e.detail);
          });
          feed.start();
        },
        destroy() {
          feed?.stop();
        },
      };
    });
  };
}

/** The plugin for pages whose token cookie authenticates: `Alpine.plugin(presence)`. */
export default function presence(Alpine) {
  presencePlugin()(Alpine);
}
