import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError } from "~/components/form-field";
import { formAction } from "~/lib/forms.server";
import { loadPage } from "~/lib/page.server";
import { parseId } from "~/lib/validation";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { getActivity, recordAttendance } from "~/modules/activities/activities.server";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "user", action: "user" };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.checkIn"));

/** Where the venue's QR code leads: one button, in then out; works on any phone without JavaScript. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserForPage(request);
  return loadPage(async () => ({
    activity: await getActivity(parseId(params.id, "activity")),
    token: new URL(request.url).searchParams.get("token") ?? "",
  }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUserForPage(request);
  const form = await request.formData().catch(() => new FormData());
  const token = String(form.get("token") ?? "");
  return formAction({ token }, async () => {
    const result = await recordAttendance(viewer, parseId(params.id, "activity"), { token });
    return { checkedIn: "checkedIn" in result, minutes: result.hourEntry?.minutes ?? null };
  });
}

export default function CheckIn() {
  const { activity, token } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = result && "fieldErrors" in result ? result.fieldErrors : {};
  return (
    <section className="narrow">
      <h1>{activity.title}</h1>
      {result && "checkedIn" in result ? (
        <p className="notice" role="status">
          {result.checkedIn ? t("activities.checkedIn") : t("activities.checkedOut", { minutes: result.minutes })}
        </p>
      ) : null}
      <FormError error={errors.token ?? errors._form} />
      <Form method="post">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="button big-button">
          {t("activities.checkInOut")}
        </button>
      </Form>
    </section>
  );
}
