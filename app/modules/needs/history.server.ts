// A case's history as its page shows it to one viewer: each step, who took it (masked unless the viewer
// sees the contact), the organisation it names, and its note or reason for those involved.
import type { Viewer } from "~/modules/accounts/accounts.policy";
import { organisationsOf } from "~/modules/accounts/accounts.policy";
import { listOrganisationsByIds } from "~/modules/accounts/invitations.server";
import { historyOf } from "~/modules/audit/audit.server";
import { maskName } from "./privacy";

const organisationOf = (data: unknown) => (data as { organisationId?: string } | null)?.organisationId;

/**
 * `seesContact`: the viewer sees the resident's contact (poster, staff, a claimer who revealed it). They, and
 * the organisations a step names or that hold the case, read the steps' notes and reasons (a decline's reason
 * is for staff, a dispatch note and a not-done note for the organisation doing the work); the public neither.
 */
export async function caseHistory(
  viewer: Viewer | null,
  needId: string,
  { seesContact, holderId }: { seesContact: boolean; holderId: string | null },
) {
  const history = await historyOf("need", needId);
  const named = [...new Set(history.map((e) => organisationOf(e.data)).filter((id): id is string => !!id))];
  const names = new Map((await listOrganisationsByIds(named)).map((o) => [o.id, o.name]));
  const involved = new Set([...named, ...(holderId ? [holderId] : [])]);
  const readsNotes = seesContact || (!!viewer && organisationsOf(viewer).some((o) => involved.has(o)));
  return history.map((e) => {
    const { reason, note } = (e.data ?? {}) as { reason?: string; note?: string };
    return {
      id: e.id,
      action: e.action,
      createdAt: e.createdAt,
      actor: seesContact ? e.actorName : e.actorName && maskName(e.actorName),
      organisation: names.get(organisationOf(e.data) ?? "") ?? null,
      detail: readsNotes ? (reason ?? note ?? null) : null,
    };
  });
}
