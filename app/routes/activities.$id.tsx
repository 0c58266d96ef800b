import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form-field";
import { DoneNotice } from "~/components/done-notice";
import { ActivityOrganiser, ActivityPlaces } from "~/modules/activities/components/activity-facts";
import { formAction, parseFormValues, readFormFields } from "~/lib/forms.server";
import { loadPage } from "~/lib/page.server";
import { parseId } from "~/lib/validation";
import { hasRole } from "~/modules/accounts/accounts.policy";
import { getViewer, requireUserForPage } from "~/modules/accounts/auth.server";
import { cancelSignUp, getActivity, isOrganiser, recordAttendance, signUp } from "~/modules/activities/activities.server";
import { isSignedUp, organiserView } from "~/modules/activities/organiser.server";
import { answerCorrection, approveHourEntries, decideHourEntry, reverseHourEntry } from "~/modules/ledger/hour-entries.server";
import { pageMeta } from "~/lib/meta";
import { formatTianjinDateTime } from "~/lib/tianjin-time";
import { ActivityPageIntent } from "~/modules/activities/activities.schema";

export const access: RouteAccess = { loader: "public", action: "user" };

export const meta: MetaFunction<typeof loader> = (args) => pageMeta(args, (t, data) => data?.activity.title ?? t("titles.activities"));

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadPage(async () => {
    const activity = await getActivity(parseId(params.id, "activity"));
    const viewer = await getViewer(request);
    const organiser = !!viewer && isOrganiser(viewer, activity);
    return {
      activity,
      volunteer: !!viewer && hasRole(viewer, "volunteer"),
      signedUp: viewer ? await isSignedUp(activity.id, viewer.id) : false,
      organiser: organiser ? await organiserView(activity.id) : null,
    };
  });
}

/** "2026-12-01T09:00" typed in Tianjin time, as an instant. */
function tianjinTime(value: string | undefined) {
  return value && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+08:00` : value;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUserForPage(request);
  const { values, all } = await readFormFields(request);
  return formAction(values, async () => {
    // Inside formAction: a malformed id is the 404 page, not a crash.
    const activityId = parseId(params.id, "activity");
    const input = parseFormValues(ActivityPageIntent, values);
    if (input.intent === "signUp") await signUp(viewer, activityId);
    if (input.intent === "cancel") await cancelSignUp(viewer, activityId);
    if (input.intent === "record")
      await recordAttendance(viewer, activityId, {
        volunteerId: input.volunteerId!,
        checkIn: new Date(tianjinTime(values.checkIn) ?? ""),
        checkOut: new Date(tianjinTime(values.checkOut) ?? ""),
        proxy: values.proxy === "on",
      });
    if (input.intent === "approve" && input.entryId) await decideHourEntry(viewer, input.entryId, "approved");
    if (input.intent === "approveAll") {
      // Each entry stands alone: say how many were approved and how many refused, as one outcome.
      const results = await approveHourEntries(viewer, all("entryIds"));
      const approved = results.filter((r) => r.status === "approved").length;
      const refused = results.length - approved;
      const done = refused === 0 ? "approveAll" : approved === 0 ? "approveNone" : "approveSome";
      return redirect(`/activities/${activityId}?done=${done}&approved=${approved}&refused=${refused}`, 303);
    }
    if (input.intent === "reject" && input.entryId) await decideHourEntry(viewer, input.entryId, "rejected", input.reason);
    if (input.intent === "reverse" && input.entryId) await reverseHourEntry(viewer, input.entryId, input.reason || "—");
    if (input.intent === "answer" && input.requestId)
      await answerCorrection(viewer, input.requestId, values.accept === "true", input.reason);
    const done = input.intent === "answer" ? (values.accept === "true" ? "answerAccepted" : "answerDeclined") : input.intent;
    return redirect(`/activities/${activityId}?done=${done}`, 303);
  });
}

export default function ActivityPage() {
  const { activity, volunteer, signedUp, organiser } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const time = (iso: string) => formatTianjinDateTime(iso, i18n.language);
  const local = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
  return (
    <article>
      <DoneNotice failed={!!result?.fieldErrors} />
      <FormError error={result?.fieldErrors._form ?? Object.values(result?.fieldErrors ?? {})[0]} />
      <p className="need-card__meta">{t(`category.${activity.category}`)}</p>
      <h1>{activity.title}</h1>
      <p>
        {time(activity.startsAt)} – {time(activity.endsAt)} · {activity.location || activity.communityName}
      </p>
      <p>
        <ActivityOrganiser activity={activity} />
      </p>
      <p>
        <ActivityPlaces activity={activity} />
      </p>
      <p className="need-page__description">{activity.description}</p>
      {volunteer ? (
        <Form method="post">
          <input type="hidden" name="intent" value={signedUp ? "cancel" : "signUp"} />
          <button type="submit" className={`button${signedUp ? " button--secondary" : ""}`}>
            {signedUp ? t("activities.cancel") : t("activities.signUp")}
          </button>
        </Form>
      ) : null}

      {organiser ? (
        <section aria-labelledby="organiser-heading" className="organiser">
          <h2 id="organiser-heading">{t("activities.organiser")}</h2>
          {/* The venue code changes every minute: it has a page of its own that keeps it current. */}
          <p>
            <Link to={`/activities/${activity.id}/venue-code`} className="button button--secondary">
              {t("checkIn.openVenueCode")}
            </Link>
          </p>
          <h3>{t("activities.signups", { count: organiser.signups.length })}</h3>
          <ul>
            {organiser.signups.map((s) => (
              <li key={s.volunteerId}>{s.displayName}</li>
            ))}
          </ul>
          <h3>{t("activities.record")}</h3>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="record" />
            <select name="volunteerId" required aria-label={t("activities.volunteer")}>
              {organiser.signups.map((s) => (
                <option key={s.volunteerId} value={s.volunteerId}>
                  {s.displayName}
                </option>
              ))}
            </select>
            <label>
              {t("activities.checkIn")} <input type="datetime-local" name="checkIn" defaultValue={local(activity.startsAt)} required />
            </label>
            <label>
              {t("activities.checkOut")} <input type="datetime-local" name="checkOut" defaultValue={local(activity.endsAt)} required />
            </label>
            <label className="choice">
              <input type="checkbox" name="proxy" /> {t("activities.proxy")}
            </label>
            <button type="submit" className="button">
              {t("activities.recordButton")}
            </button>
          </Form>
          <h3>{t("activities.entries")}</h3>
          <p className="muted">{t("activityText.reverseHint")}</p>
          <Form method="post" id="approve-all">
            <input type="hidden" name="intent" value="approveAll" />
          </Form>
          <div className="table-scroll">
            <table className="table table--wide">
              <thead>
                <tr>
                  <th scope="col">{t("activities.volunteer")}</th>
                  <th scope="col">{t("activities.time")}</th>
                  <th scope="col">{t("activities.minutes")}</th>
                  <th scope="col">{t("wishes.status")}</th>
                  <th scope="col">{t("transitions.title")}</th>
                </tr>
              </thead>
              <tbody>
                {organiser.entries.map((e) => (
                  <tr key={e.id}>
                    <td>
                      {e.status === "pending" ? (
                        <input type="checkbox" name="entryIds" value={e.id} form="approve-all" aria-label={e.displayName} />
                      ) : null}{" "}
                      {e.displayName}
                    </td>
                    <td>
                      {time(e.startsAt)} – {time(e.endsAt)}
                    </td>
                    <td>{e.minutes}</td>
                    <td>
                      {t(`hourStatus.${e.status}`)}
                      {e.awaitingSecondApproval ? ` · ${t("hourBounds.awaitingSecondApproval")}` : ""}
                      {e.kind !== "attendance" ? ` · ${t(`hourKind.${e.kind}`)}` : ""}
                      {e.reversed ? ` · ${t("hourKind.reversed")}` : ""}
                    </td>
                    <td>
                      {e.status === "pending" ? (
                        <>
                          <Form method="post" className="inline">
                            <input type="hidden" name="intent" value="approve" />
                            <input type="hidden" name="entryId" value={e.id} />
                            <button type="submit" className="link-button">
                              {t("transitions.approve")}
                            </button>
                          </Form>
                          <Form method="post" className="inline">
                            <input type="hidden" name="intent" value="reject" />
                            <input type="hidden" name="entryId" value={e.id} />
                            <input name="reason" required placeholder={t("transitions.reason")} aria-label={t("transitions.reason")} />
                            <button type="submit" className="link-button">
                              {t("transitions.reject")}
                            </button>
                          </Form>
                        </>
                      ) : null}
                      {e.status === "approved" && e.kind !== "reversal" && !e.reversed ? (
                        <Form method="post" className="inline">
                          <input type="hidden" name="intent" value="reverse" />
                          <input type="hidden" name="entryId" value={e.id} />
                          <input
                            name="reason"
                            required
                            placeholder={t("activities.reverseReason")}
                            aria-label={t("activities.reverseReason")}
                          />
                          <button type="submit" className="link-button">
                            {t("activities.reverse")}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="submit" form="approve-all" className="button button--secondary">
            {t("activities.approveSelected")}
          </button>
          {organiser.corrections.length ? <h3>{t("activities.corrections")}</h3> : null}
          <ul>
            {organiser.corrections.map((c) => (
              <li key={c.id}>
                {c.displayName}: {c.reason} · {t(`correctionStatus.${c.status}`)}
                {c.status === "open" ? (
                  <>
                    {(["true", "false"] as const).map((accept) => (
                      <Form key={accept} method="post" className="inline">
                        <input type="hidden" name="intent" value="answer" />
                        <input type="hidden" name="requestId" value={c.id} />
                        <input type="hidden" name="accept" value={accept} />
                        <button type="submit" className="link-button">
                          {accept === "true" ? t("activities.acceptCorrection") : t("activities.declineCorrection")}
                        </button>
                      </Form>
                    ))}
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
