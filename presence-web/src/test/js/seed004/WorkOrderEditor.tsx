// Seed 004's editor, verbatim below the export the harness adds.
export { WorkOrderEditor };

import { usePresence } from "@/hooks/usePresence";

function WorkOrderEditor({ id }: { id: string }) {
  // Report that we're editing (not just viewing)
  usePresence("work_order", id, "editing");

  return (
    <form>
      {/* ... form fields */}
    </form>
  );
}
