import { formatTianjinDateTime, fromTianjinLocal, tianjinDateTimeLocal } from "~/lib/tianjin-time";
import { HoursTable, ReasonForm } from "~/modules/ledger/components/hours-table";
import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form-field";
import { DoneNotice } from "~/components/done-notice";
import { ActivityOrganiser, ActivityPlaces } from "~/modules/activities/components/activity-facts";
import { formAction, readFormFields } from "~/lib/forms.server";
import { loadPage } from "~/lib/page.server";
import { parseId, parseOrThrow } from "~/lib/validation";
import { ActivityPageIntent } from "~/modules/activities/activities.schema";
import { hasRole } from "~/modules/accounts/accounts.policy";
import { getViewer, requireUserForPage } from "~/modules/accounts/auth.server";
import { cancelSignUp, getActivity, isOrganiser, recordAttendance, signUpForActivity } from "~/modules/activities/activities.server";
import { isSignedUp, organiserView } from "~/modules/activities/organiser.server";
import { answerCorrection, approveHourEntries, decideHourEntry, reverseHourEntry } from "~/modules/ledger/hour-entries.server";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "public", action: "user" };
// Kept a few seconds per session (app/lib/page-cache.server.ts): its loader only reads (the venue code lives on its own page, not cached).
export const handle = { sessionPageCache: true };

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

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUserForPage(request);
  const { values, all } = await readFormFields(request);
  return formAction(values, async () => {
    // Inside formAction: a malformed id is the 404 page, not a crash.
    const activityId = parseId(params.id, "activity");
    const input = parseOrThrow(ActivityPageIntent, values);
    let done: string = input.intent;
    switch (input.intent) {
      case "signUp":
        await signUpForActivity(viewer, activityId);
        break;
      case "cancel":
        await cancelSignUp(viewer, activityId);
        break;
      case "record":
        await recordAttendance(viewer, activityId, {
          volunteerId: input.volunteerId,
          checkIn: new Date(fromTianjinLocal(input.checkIn) ?? ""),
          checkOut: new Date(fromTianjinLocal(input.checkOut) ?? ""),
          proxy: input.proxy === "on",
        });
        break;
      case "approve":
        await decideHourEntry(viewer, input.entryId, "approved");
        break;
      case "approveAll": {
        // Each entry stands alone: say how many were approved and how many refused, as one outcome.
        const results = await approveHourEntries(viewer, all("entryIds"));
        const approved = results.filter((r) => r.status === "approved").length;
        const refused = results.length - approved;
        const outcome = refused === 0 ? "approveAll" : approved === 0 ? "approveNone" : "approveSome";
        return redirect(`/activities/${activityId}?done=${outcome}&approved=${approved}&refused=${refused}`, 303);
      }
      case "reject":
        await decideHourEntry(viewer, input.entryId, "rejected", input.reason);
        break;
      case "reverse":
        await reverseHourEntry(viewer, input.entryId, input.reason || "—");
        break;
      case "answer":
        await answerCorrection(viewer, input.requestId, input.accept === "true", input.reason);
        done = input.accept === "true" ? "answerAccepted" : "answerDeclined";
        break;
    }
    return redirect(`/activities/${activityId}?done=${done}`, 303);
  });
}

export default function ActivityPage() {
  const { activity, volunteer, signedUp, organiser } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const time = (iso: string) => formatTianjinDateTime(iso, i18n.language);
  const local = tianjinDateTimeLocal;
  const period = (from: string, to: string) => `${time(from)}–${time(to)}`;
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
          <HoursTable
            entries={organiser.entries}
            layout="wide"
            first={{
              heading: t("activities.volunteer"),
              cell: (e) => (
                <>
                  {e.status === "pending" ? (
                    <input type="checkbox" name="entryIds" value={e.id} form="approve-all" aria-label={e.displayName} />
                  ) : null}{" "}
                  {e.displayName}
                </>
              ),
            }}
            last={{
              heading: t("transitions.title"),
              cell: (e) => (
                <>
                  {e.status === "pending" ? (
                    <>
                      <Form method="post" className="inline">
                        <input type="hidden" name="intent" value="approve" />
                        <input type="hidden" name="entryId" value={e.id} />
                        <button type="submit" className="link-button">
                          {t("transitions.approve")}
                        </button>
                      </Form>
                      <ReasonForm
                        hidden={{ intent: "reject", entryId: e.id }}
                        reasonLabel={t("transitions.reason")}
                        submitLabel={t("transitions.reject")}
                      />
                    </>
                  ) : null}
                  {e.status === "approved" && e.kind !== "reversal" && !e.reversed ? (
                    <ReasonForm
                      hidden={{ intent: "reverse", entryId: e.id }}
                      reasonLabel={t("activities.reverseReason")}
                      submitLabel={t("activities.reverse")}
                    />
                  ) : null}
                </>
              ),
            }}
          />
          <button type="submit" form="approve-all" className="button button--secondary">
            {t("activities.approveSelected")}
          </button>
          {organiser.corrections.length ? <h3>{t("activities.corrections")}</h3> : null}
          <ul>
            {organiser.corrections.map((c) => (
              <li key={c.id}>
                {c.displayName}: {c.reason}
                {c.requestedStartsAt && c.requestedEndsAt
                  ? ` · ${t(c.entryStartsAt && c.entryEndsAt ? "activities.correctionTimes" : "activities.correctionAdded", {
                      was: c.entryStartsAt && c.entryEndsAt ? `${period(c.entryStartsAt, c.entryEndsAt)}` : "",
                      asked: period(c.requestedStartsAt, c.requestedEndsAt),
                    })}`
                  : c.entryStartsAt && c.entryEndsAt
                    ? ` · ${t("activities.correctionRemove", { was: period(c.entryStartsAt, c.entryEndsAt) })}`
                    : ""}
                {` · ${t(`correctionStatus.${c.status}`)}`}
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
