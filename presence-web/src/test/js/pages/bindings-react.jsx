// The React binding on a work order (?wo=): the others as they come and go, a dirty checkbox, and
// the resource events of every work order.
import { useState } from "react";
import { createRoot } from "react-dom/client";
import { useRecordPresence, useResourceUpdates } from "../../../main/webapp/presence/react.js";

function WorkOrder({ id }) {
  const [dirty, setDirty] = useState(false);
  const [updates, setUpdates] = useState([]);
  const { viewers, state } = useRecordPresence("work_order", id, dirty);
  useResourceUpdates("work_order", (update) => setUpdates((list) => [...list, update]));
  return (
    <div>
      <p id="state">{state}</p>
      <label><input id="dirty" type="checkbox" checked={dirty} onChange={(e) => setDirty(e.target.checked)} /> unsaved</label>
      <ul id="viewers">
        {viewers.map((v) => <li key={v.id} data-user-id={v.id} data-mode={v.mode}>{v.name}</li>)}
      </ul>
      <ul id="updates">
        {updates.map((u, i) => <li key={i} data-action={u.action} data-id={u.id}>{u.type}</li>)}
      </ul>
    </div>
  );
}

createRoot(document.getElementById("root")).render(<WorkOrder id={new URLSearchParams(location.search).get("wo")} />);
