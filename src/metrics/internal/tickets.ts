import type { Ticket } from "../../core/records.ts";

/** What a ticket status is expected to be. */
export const STATUS_EXPECTED = '"new", "open", "pending", "on-hold", "solved", "closed", or absent';

/**
 * Whether a ticket counts as solved now: status `"solved"` or `"closed"`; without a status, when it
 * has at least one solve. `null` for an unknown status.
 */
export function isSolved(ticket: Ticket): boolean | null {
  switch (ticket.status) {
    case "solved":
    case "closed":
      return true;
    case "new":
    case "open":
    case "pending":
    case "on-hold":
      return false;
    case undefined:
      return Array.isArray(ticket.solves) && ticket.solves.length > 0;
    default:
      return null;
  }
}
