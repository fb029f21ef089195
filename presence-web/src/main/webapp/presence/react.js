import { createContext, createElement, useContext, useEffect, useRef, useState } from "react";
import { PresenceClient, ResourceFeed } from "./presence-client.js";

/**
 * React hooks over the browser client, in the shapes React pages already call (docs/client.md,
 * "React"): `useRecordPresence(type, id, isDirty)` returns `{viewers, tabId}`, `usePresence(type, id,
 * action)` reports viewing or editing, `useResourceUpdates(type, handler)` calls back with
 * `{action, id}` for every change of a record of the type. Unlike a polling hook, they push: the
 * viewers change as soon as someone joins, edits or leaves.
 *
 * Where the client connects and how it authenticates comes from the nearest `PresenceProvider`
 * (`{token, tenant, baseUrl, csrfToken, transport}`); without one, or without a token, the page's token
 * cookie authenticates, same origin.
 */
const PresenceOptions = createContext({});

/** Gives the hooks below it their connection options. */
export function PresenceProvider({ options, children }) {
  return createElement(PresenceOptions.Provider, { value: options }, children);
}

/** The verbs publishers and list pages use for the declared past-tense actions. */
const VERBS = { created: "create", updated: "update", deleted: "delete" };

/** One record's presence for the component's life; `mode` and `dirty` are reported as they change. */
function useRecordClient(resourceType, resourceId, mode, dirty) {
  const options = useContext(PresenceOptions);
  const [client, setClient] = useState(null);
  const [viewers, setViewers] = useState([]);
  const [state, setState] = useState("stopped");
  useEffect(() => {
    if (!resourceType || resourceId === undefined || resourceId === null) return undefined;
    const next = new PresenceClient({ ...options, resourceType, resourceId: String(resourceId), mode });
    next.addEventListener("viewerschange", (e) => setViewers(e.detail.viewers));
    next.addEventListener("statechange", (e) => setState(e.detail.state));
    next.start();
    setClient(next);
    return () => {
      next.stop();
      setClient(null);
      setViewers([]);
    };
    // The options object may be new on every render; what identifies the connection is listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resourceType, resourceId, options.token, options.tenant, options.baseUrl, options.transport]);
  useEffect(() => {
    client?.update({ mode, dirty });
  }, [client, mode, dirty]);
  return { client, viewers, state };
}

/**
 * The others on a record, for an editor form: the tab is in `edit` mode and dirty while `isDirty`.
 * @returns {{viewers: object[], tabId: string|null, state: string}}
 */
export function useRecordPresence(recordType, recordId, isDirty = false) {
  const dirty = Boolean(isDirty);
  const { client, viewers, state } = useRecordClient(recordType, recordId, dirty ? "edit" : "view", dirty);
  return { viewers, tabId: client?.tabId ?? null, state };
}

/**
 * Reports that the user is `viewing` or `editing` a record while the component is mounted.
 * @returns {{viewers: object[], state: string}}
 */
export function usePresence(resourceType, resourceId, action = "viewing") {
  const mode = action === "editing" ? "edit" : "view";
  const { viewers, state } = useRecordClient(resourceType, resourceId, mode, false);
  return { viewers, state };
}

/**
 * Calls `handler({action, id, type, resource_type, user_id, user, data, timestamp})` for every resource
 * event of a record of `resourceType` the user may see; `action` is the verb (`create`, `update`,
 * `delete`) for the declared `created`, `updated`, `deleted`, other actions as declared. The latest
 * handler is called; it need not be memoized.
 */
export function useResourceUpdates(resourceType, handler) {
  const options = useContext(PresenceOptions);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    if (!resourceType) return undefined;
    const feed = new ResourceFeed({ ...options, resourceType });
    feed.addEventListener("resourceevent", (e) => {
      const event = e.detail;
      latest.current?.({ ...event, action: VERBS[event.action] ?? event.action, id: event.id ?? event.resource_id });
    });
    feed.start();
    return () => feed.stop();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [resourceType, options.token, options.tenant, options.baseUrl]);
}
