// Mounts seed 001's FlowEditor (and so its useRecordPresence hook) for the flow named by ?flow=.
import { createRoot } from "react-dom/client";
import { FlowEditor } from "../seed001/FlowEditor.jsx";

const id = new URLSearchParams(location.search).get("flow");
createRoot(document.getElementById("root")).render(<FlowEditor flow={{ id }} />);
