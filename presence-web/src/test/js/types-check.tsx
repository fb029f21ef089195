// Compiled (not run) by `npm run typecheck`: the client's declarations describe what pages write.
import { PresenceClient, ResourceFeed, type Viewer } from "@presence/client";
import { PresenceProvider, usePresence, useRecordPresence, useResourceUpdates } from "@presence/client/react";
import presence, { presencePlugin } from "@presence/client/alpine";
import "@presence/client/viewers";

const client = new PresenceClient({ resourceType: "work_order", resourceId: "WO-1" }).start();
client.update({ dirty: true, mode: "edit", activeField: "qty" });
client.addEventListener("viewerschange", (e) => {
  const names: string[] = e.detail.viewers.map((v: Viewer) => v.name);
  void names;
});
document.querySelector("presence-viewers")!.client = client;

const feed = new ResourceFeed({ resourceType: "work_order", token: "jwt", tenant: "acme", userEvents: true });
feed.addEventListener("resourceevent", (e) => void e.detail.resource_id);
feed.addEventListener("userevent", (e) => void e.detail.user_id);
feed.start().stop();

export function FlowEditor({ id }: { id: string }) {
  const { viewers, tabId } = useRecordPresence("flow", id, true);
  usePresence("work_order", id, "editing");
  useResourceUpdates("work_order", ({ action, id: changed }) => void `${action} ${changed}`);
  return (
    <PresenceProvider options={{ token: "jwt", tenant: "acme" }}>
      {viewers.map((v) => <span key={v.id} title={v.name}>{v.name[0] + (tabId ?? "")}</span>)}
    </PresenceProvider>
  );
}

export const plugins = [presence, presencePlugin({ token: "jwt" })];
