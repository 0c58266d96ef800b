import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form-field";
import { FigureList } from "~/components/figure-list";
import { DoneNotice } from "~/components/done-notice";
import { formAction, parseFormValues, readFormFields } from "~/lib/forms.server";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { CorrectionRequestInput } from "~/modules/activities/activities.schema";
import { requestCorrection, volunteerRecord } from "~/modules/ledger/hour-entries.server";
import { nextStar } from "~/modules/ledger/stars";
import { formatTianjinDateTime } from "~/lib/tianjin-time";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "user", action: "user" };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.myHours"));

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return { record: await volunteerRecord(viewer, viewer.id), volunteerId: viewer.id };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireUserForPage(request);
  const { values } = await readFormFields(request);
  return formAction(values, async () => {
    await requestCorrection(
      viewer,
      parseFormValues(CorrectionRequestInput, {
        activityId: values.activityId,
        hourEntryId: values.hourEntryId || undefined,
        reason: values.reason,
      }),
    );
    return redirect("/my/hours?done=correction", 303);
  });
}

export default function MyHours() {
  const { record, volunteerId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const next = nextStar(record.approvedMinutes);
  const time = (iso: string) => formatTianjinDateTime(iso, i18n.language);
  return (
    <>
      <h1>{t("hours.title")}</h1>
      <DoneNotice failed={!!result?.fieldErrors} />
      <FigureList
        labels="hours.figures"
        figures={{
          approvedHours: Math.round((record.approvedMinutes / 60) * 10) / 10,
          pendingHours: Math.round((record.pendingMinutes / 60) * 10) / 10,
          stars: record.stars,
        }}
      />
      <p aria-label={t("hours.starsLabel", { count: record.stars })}>{"★".repeat(record.stars) + "☆".repeat(5 - record.stars)}</p>
      <p>{next ? t("starsText.next", { count: next.hoursToGo, star: next.star, at: next.atHours }) : t("starsText.all")}</p>
      <p>
        <Link to={`/volunteers/${volunteerId}/certificate`}>{t("hours.certificate")}</Link>
      </p>
      <FormError error={result?.fieldErrors._form ?? result?.fieldErrors.reason} />
      <table className="table table--cards">
        <thead>
          <tr>
            <th scope="col">{t("activities.title")}</th>
            <th scope="col">{t("activities.time")}</th>
            <th scope="col">{t("activities.minutes")}</th>
            <th scope="col">{t("wishes.status")}</th>
            <th scope="col">{t("hours.askCorrection")}</th>
          </tr>
        </thead>
        <tbody>
          {record.entries.map((e) => (
            <tr key={e.id}>
              <td>
                <Link to={`/activities/${e.activityId}`}>{e.activityTitle}</Link>
              </td>
              <td data-label={t("activities.time")}>{time(e.startsAt)}</td>
              <td data-label={t("activities.minutes")}>{e.minutes}</td>
              <td data-label={t("wishes.status")}>
                {t(`hourStatus.${e.status}`)}
                {e.awaitingSecondApproval ? ` · ${t("hourBounds.awaitingSecondApproval")}` : ""}
                {e.kind !== "attendance" ? ` · ${t(`hourKind.${e.kind}`)}` : ""}
              </td>
              <td data-label={t("hours.askCorrection")}>
                {e.kind !== "reversal" ? (
                  <Form method="post" className="inline">
                    <input type="hidden" name="activityId" value={e.activityId} />
                    <input type="hidden" name="hourEntryId" value={e.id} />
                    <input name="reason" required placeholder={t("hours.correctionReason")} aria-label={t("hours.correctionReason")} />
                    <button type="submit" className="link-button">
                      {t("hours.send")}
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
