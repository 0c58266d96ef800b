import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form-field";
import type { RouteAccess } from "~/lib/access";
import { errorStatus } from "~/lib/errors";
import { formAction, readForm } from "~/lib/forms.server";
import { loadPage } from "~/lib/page.server";
import { formatTianjinDateTime } from "~/lib/tianjin-time";
import { parseId, parseOrThrow, searchParamsObject } from "~/lib/validation";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { CheckInForm, CheckInQuery } from "~/modules/activities/check-in.schema";
import { checkInPage, scanRefusalOf, scanRefusals, scanVenueCode } from "~/modules/activities/check-in.server";
import { pageMeta } from "~/lib/meta";

// Not nested under activities.$id (the trailing underscore): the venue code's link is a page of its own.
export const access: RouteAccess = { loader: "user", action: "user" };

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t, data) => (data ? `${t("checkIn.title")} · ${data.activity.title}` : t("checkIn.title")), [
    { name: "robots", content: "noindex" },
  ]);

// The page carries a live code in its address: never kept by a cache, never sent to another site as a referrer
// (same-origin, not no-referrer: with no-referrer a browser posts the form with `Origin: null`, which CSRF refuses).
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "same-origin" });

/**
 * Where the venue's QR code leads. Reading it changes nothing: it says what the scan would do (check in,
 * check out) or why it cannot, and the volunteer confirms with a button (a POST; works without JavaScript).
 * Signed out, the volunteer is sent to log in and comes back here, code and all.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return loadPage(async () => {
    const query = parseOrThrow(CheckInQuery, searchParamsObject(new URL(request.url)));
    const page = await checkInPage(viewer, parseId(params.id, "activity"), query.token ?? null);
    return { ...page, token: query.token ?? null, done: query.done ?? null };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUserForPage(request);
  const values = await readForm(request);
  return formAction(values, async () => {
    const activityId = parseId(params.id, "activity");
    const { token } = parseOrThrow(CheckInForm, values);
    try {
      const result = await scanVenueCode(viewer, activityId, token);
      return redirect(`/activities/${activityId}/check-in?done=${result.hourEntry ? "out" : "in"}`, 303);
    } catch (error) {
      const refused = scanRefusalOf(error);
      if (!refused) throw error;
      return data({ refused }, { status: errorStatus[scanRefusals[refused][0]] });
    }
  });
}

export default function CheckIn() {
  const { activity, scan, attendance, done, token } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const time = (iso: string) => formatTianjinDateTime(iso, i18n.language);
  const when = { start: time(activity.startsAt), end: time(activity.endsAt) };

  const refused = result && "refused" in result ? result.refused : scan && !scan.ok ? scan.reason : null;
  const formError = result && "fieldErrors" in result ? (result.fieldErrors.token ?? result.fieldErrors._form) : undefined;
  const checkedIn = !token && done === "in" && attendance && !attendance.checkOutAt ? attendance : null;
  const checkedOut = !token && done === "out" && attendance?.checkOutAt ? attendance : null;

  return (
    <section className="narrow check-in" aria-labelledby="check-in-title">
      <h1 id="check-in-title">{t("checkIn.title")}</h1>
      <div className="check-in__activity">
        <p className="check-in__name">{activity.title}</p>
        <p className="muted">
          {when.start} – {when.end}
        </p>
        <p className="muted">
          {activity.place} · {activity.organiser}
        </p>
      </div>

      {refused ? (
        <div className="check-in__result check-in__result--refused" role="alert">
          <h2>{t("checkIn.refusedTitle")}</h2>
          <p>{t(`checkIn.refused.${refused}`, when)}</p>
        </div>
      ) : checkedIn ? (
        <div className="check-in__result check-in__result--done" role="status">
          <h2>
            <span aria-hidden="true">✓ </span>
            {t("checkIn.checkedIn")}
          </h2>
          <p className="check-in__big">{t("checkIn.checkedInAt", { time: time(checkedIn.checkInAt) })}</p>
          <p>{t("checkIn.checkedInNext")}</p>
        </div>
      ) : checkedOut ? (
        <div className="check-in__result check-in__result--done" role="status">
          <h2>
            <span aria-hidden="true">✓ </span>
            {t("checkIn.checkedOut")}
          </h2>
          {checkedOut.minutes !== null ? (
            <p className="check-in__big">{t("checkIn.checkedOutMinutes", { minutes: checkedOut.minutes })}</p>
          ) : null}
          <p>{t("checkIn.checkedOutTimes", { checkIn: time(checkedOut.checkInAt), checkOut: time(checkedOut.checkOutAt!) })}</p>
        </div>
      ) : scan?.ok ? (
        <Form method="post" className="check-in__confirm">
          <p>
            {scan.action === "check_in" || !attendance
              ? t("checkIn.aboutToCheckIn")
              : t("checkIn.aboutToCheckOut", { time: time(attendance.checkInAt) })}
          </p>
          <FormError error={formError} />
          <input type="hidden" name="token" value={token ?? ""} />
          <button type="submit" className="button big-button">
            {scan.action === "check_in" ? t("checkIn.confirmIn") : t("checkIn.confirmOut")}
          </button>
        </Form>
      ) : attendance ? (
        <p className="notice" role="status">
          {attendance.checkOutAt
            ? t("checkIn.stateClosed", { minutes: attendance.minutes ?? 0 })
            : t("checkIn.stateOpen", { time: time(attendance.checkInAt) })}
        </p>
      ) : (
        <p className="notice">{t("checkIn.scanPrompt")}</p>
      )}

      <ul className="link-row">
        <li>
          <Link to={`/activities/${activity.id}`}>{t("checkIn.activityLink")}</Link>
        </li>
        <li>
          <Link to="/my/hours">{t("checkIn.myHours")}</Link>
        </li>
      </ul>
    </section>
  );
}
