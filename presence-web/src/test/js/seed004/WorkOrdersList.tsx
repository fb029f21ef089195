// Seed 004's list page, verbatim below the harness: the React import it leaves out, and its
// fetchWorkOrders, which the page under test provides.
import { useState } from "react";
declare function fetchWorkOrders(): void;
export { WorkOrdersList };

import { useResourceUpdates } from "@/hooks/usePresence";

function WorkOrdersList() {
  const [workOrders, setWorkOrders] = useState([]);

  // Auto-refresh when updates happen
  useResourceUpdates("work_order", ({ action, id }) => {
    if (action === "update" || action === "create") {
      // Refetch data
      fetchWorkOrders();
    }
  });

  // ... rest of component
}
