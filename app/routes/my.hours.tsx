import { CorrectionForm, HoursTable } from "~/modules/ledger/components/hours-table";
import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form-field";
import { FigureList } from "~/components/figure-list";
import { DoneNotice } from "~/components/done-notice";
import { formAction, readFormFields } from "~/lib/forms.server";
import { parseOrThrow } from "~/lib/validation";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { CorrectionRequestInput } from "~/modules/activities/activities.schema";
import { requestCorrection, volunteerRecord } from "~/modules/ledger/hour-entries.server";
import { nextStar } from "~/modules/ledger/stars";
import { pageMeta } from "~/lib/meta";
import { fromTianjinLocal } from "~/lib/tianjin-time";

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
      parseOrThrow(CorrectionRequestInput, {
        activityId: values.activityId,
        hourEntryId: values.hourEntryId || undefined,
        reason: values.reason,
        requestedStartsAt: fromTianjinLocal(values.requestedStartsAt),
        requestedEndsAt: fromTianjinLocal(values.requestedEndsAt),
      }),
    );
    return redirect("/my/hours?done=correction", 303);
  });
}

export default function MyHours() {
  const { record, volunteerId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const next = nextStar(record.approvedMinutes);
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
      <FormError
        error={
          result?.fieldErrors._form ??
          result?.fieldErrors.reason ??
          result?.fieldErrors.requestedStartsAt ??
          result?.fieldErrors.requestedEndsAt
        }
      />
      <HoursTable
        entries={record.entries}
        layout="cards"
        first={{
          heading: t("activities.title"),
          cell: (e) => <Link to={`/activities/${e.activityId}`}>{e.activityTitle}</Link>,
        }}
        last={{
          heading: t("hours.askCorrection"),
          cell: (e) => (e.kind !== "reversal" && !e.reversed ? <CorrectionForm entry={e} /> : null),
        }}
      />
    </>
  );
}
