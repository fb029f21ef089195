// Mounts seed 004's WorkOrdersList and WorkOrderEditor (?wo=) with the React binding as their
// "@/hooks/usePresence"; the list's fetchWorkOrders counts its calls where the test can read them.
import { createRoot } from "react-dom/client";
import { WorkOrdersList } from "../seed004/WorkOrdersList.tsx";
import { WorkOrderEditor } from "../seed004/WorkOrderEditor.tsx";

window.fetchCount = 0;
window.fetchWorkOrders = () => { window.fetchCount += 1; };
const id = new URLSearchParams(location.search).get("wo");
createRoot(document.getElementById("root")).render(
  <>
    <WorkOrdersList />
    <WorkOrderEditor id={id} />
  </>,
);
