/** Where a notification leads: the page where its reader acts on it. */
export function notificationHref(n: { kind: string; subjectType: string; subjectId: string; data: Record<string, unknown> }): string {
  if (n.subjectType === "need") return `/wishes/${n.subjectId}`;
  // A proposal is answered on the organisation's dashboard; an acceptance is seen on the partner's page.
  if (n.kind === "agreement.proposed") return typeof n.data.organisationId === "string" ? `/org?org=${n.data.organisationId}` : "/org";
  if (n.kind === "agreement.accepted")
    return typeof n.data.organisationId === "string" ? `/organisations/${n.data.organisationId}` : "/organisations";
  return "/notifications";
}
