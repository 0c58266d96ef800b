// Where a volunteer's sign-up stands, from their attendance and hour entry at the activity. Pure, unit-tested.

export const signupStates = [
  "signed_up",
  "checked_in",
  "checked_out",
  "hours_pending",
  "hours_approved",
  "hours_rejected",
  "hours_reversed",
] as const;
export type SignupState = (typeof signupStates)[number];

export interface Attendance {
  checkInAt: Date;
  checkOutAt: Date | null;
}
export interface Entry {
  kind: string;
  minutes: number;
  decision: string | null;
  reversed: boolean;
}

/** Where a sign-up stands, from the volunteer's latest attendance and hour entry at the activity. */
export function signupState(attendance: Attendance | undefined, entry: Entry | undefined): SignupState {
  if (attendance && !attendance.checkOutAt) return "checked_in";
  if (entry) {
    if (entry.reversed) return "hours_reversed";
    if (entry.decision === "approved") return "hours_approved";
    if (entry.decision === "rejected") return "hours_rejected";
    return "hours_pending";
  }
  return attendance ? "checked_out" : "signed_up";
}
