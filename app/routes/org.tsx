import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatTianjinDate } from "~/lib/tianjin-time";
import { useFieldError } from "~/components/form-field";
import { FigureList } from "~/components/figure-list";
import { DoneNotice, useFormResetOnDone } from "~/components/done-notice";
import { formAction, uploadFormAction, readFormFields } from "~/lib/forms.server";
import { parseOrThrow } from "~/lib/validation";
import { AppError } from "~/lib/errors";
import { readImageUploads } from "~/modules/attachments/attachments.server";
import { setOrganisationLogo } from "~/modules/organisations/organisations.server";
import { OrganisationDashboardIntent } from "~/modules/organisations/organisations.schema";
import { loadPage } from "~/lib/page.server";
import { adminOf, organisationsOf } from "~/modules/accounts/accounts.policy";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { acceptAgreement } from "~/modules/agreements/agreements.server";
import { OfferInput } from "~/modules/offers/offers.schema";
import { offerInputFromForm } from "~/modules/offers/offers-form.server";
import { createOffer, updateOffer } from "~/modules/offers/offers.server";
import { OfferForm } from "~/modules/offers/components/offer-form";
import { OfferList } from "~/modules/offers/components/offer-list";
import { MatchPanel } from "~/modules/matching/components/match-panel";
import { detectLocale } from "~/lib/locale.server";
import { organisationDashboard } from "~/modules/organisations/dashboard.server";
import { placeTree } from "~/modules/places/places.server";
import { pageMeta } from "~/lib/meta";
import { db } from "~/lib/db.server";
import { dispatchedWorkOf } from "~/modules/problems/problems.server";
import { DispatchedWorkList } from "~/modules/problems/components/dispatched-work";

const members = ["org_admin", "org_member"] as const;
export const access: RouteAccess = { loader: members, action: members };
// Kept a few seconds per session (app/lib/page-cache.server.ts): its loader only reads (but for suggestions computed on their first read: derived data, stored either way).
export const handle = { sessionPageCache: true };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.org"));

/** The organisation this page is about: ?org=, or the viewer's only one. Members only. */
async function requireOrganisation(request: Request) {
  const viewer = await requireUserForPage(request);
  const mine = organisationsOf(viewer);
  if (mine.length === 0) throw new Response("only members of a partner organisation", { status: 403 });
  const requested = new URL(request.url).searchParams.get("org");
  if (requested && !mine.includes(requested)) throw new Response("not your organisation", { status: 403 });
  return { viewer, organisationId: requested ?? mine[0]!, mine };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer, organisationId, mine } = await requireOrganisation(request);
  return loadPage(async () => {
    const [dashboard, places, dispatched] = await Promise.all([
      organisationDashboard(organisationId, detectLocale(request)),
      placeTree(),
      dispatchedWorkOf(db(), organisationId),
    ]);
    if (!dashboard) throw new Response("not found", { status: 404 });
    return { dashboard, places, dispatched, isAdmin: adminOf(viewer, organisationId), otherOrganisations: mine.length > 1 ? mine : [] };
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, organisationId } = await requireOrganisation(request);
  if (/^multipart\/form-data/i.test(request.headers.get("Content-Type") ?? "")) {
    return uploadFormAction(request, readImageUploads, async (_values, files) => {
      const [logo, ...more] = files;
      if (!logo || more.length) throw new AppError("validation_failed", "choose one image", { photos: "image_type" });
      await setOrganisationLogo(viewer, organisationId, logo);
      return redirect(`/org?org=${organisationId}&done=logo`, 303);
    });
  }
  const { values, all } = await readFormFields(request);
  return formAction(values, async () => {
    const input = parseOrThrow(OrganisationDashboardIntent, values);
    let done: string = input.intent;
    switch (input.intent) {
      case "createOffer":
        await createOffer(viewer, parseOrThrow(OfferInput, offerInputFromForm({ ...values, organisationId }, all("weekdays"))));
        break;
      case "toggleOffer":
        await updateOffer(viewer, input.id, { active: input.active === "true" });
        done = input.active === "true" ? "offerActivated" : "offerPaused";
        break;
      case "acceptAgreement":
        await acceptAgreement(viewer, input.id);
        break;
      case "logo":
        break;
    }
    return redirect(`/org?org=${organisationId}&done=${done}`, 303);
  });
}

export default function OrganisationDashboard() {
  const { dashboard, places, dispatched, isAdmin } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  // After a successful post the new-offer form starts empty again.
  const newForm = useFormResetOnDone(!!result?.fieldErrors);
  const fieldError = useFieldError();
  const errors = result?.fieldErrors ?? {};
  const { organisation, figures } = dashboard;
  const street = places.streets.find((s) => s.id === organisation.streetId);
  return (
    <>
      <h1>{organisation.name}</h1>
      <DoneNotice failed={!!result?.fieldErrors} />
      <p>
        <Link to={`/organisations/${organisation.id}`}>{t("org.publicProfile")}</Link>
      </p>
      <FigureList figures={figures} labels="org.figures" />
      {isAdmin ? (
        <Form method="post" encType="multipart/form-data" className="inline-form">
          <label>
            {t("org.logo")} <input type="file" name="photos" accept="image/jpeg,image/png,image/webp" required />
          </label>
          <button type="submit" className="button button--secondary">
            {t("org.uploadLogo")}
          </button>
          {errors.photos ? <p className="field__error">{fieldError(errors.photos)}</p> : null}
        </Form>
      ) : null}

      <MatchPanel
        id="needs-for-us"
        heading={t("org.nextUp")}
        hint={t("matching.needsForUsHint")}
        emptyText={t("org.nothingNext")}
        panel={dashboard.nextUp}
        toItem={(n) => ({
          id: n.id,
          href: `/wishes/${n.id}`,
          title: n.title,
          detail: `${n.communityName} · ${t(`category.${n.category ?? "none"}`)} · ${n.offerTitle}`,
          score: n.score,
          reasons: n.reasons,
        })}
      />

      <DispatchedWorkList items={dispatched} />

      <section>
        <h2>{t("org.claimsInProgress")}</h2>
        {dashboard.claimsInProgress.length === 0 ? <p>{t("org.noClaims")}</p> : null}
        <ul>
          {dashboard.claimsInProgress.map((c) => (
            <li key={c.id}>
              <Link to={`/wishes/${c.needId}`}>{c.title}</Link> · {c.communityName} · {t(`claimStatus.${c.status}`)} ·{" "}
              {t("org.due", { date: formatTianjinDate(c.dueAt, i18n.language) })}
            </li>
          ))}
        </ul>
      </section>

      <section>
        <h2>{t("org.agreements")}</h2>
        <ul>
          {dashboard.agreements.map((a) => (
            <li key={a.id}>
              {a.communityName ?? a.streetName} · {a.startsOn} – {a.endsOn} · {t(`agreementStatus.${a.status}`)}
              {a.status === "proposed" && isAdmin ? (
                <Form method="post" className="inline">
                  <input type="hidden" name="intent" value="acceptAgreement" />
                  <input type="hidden" name="id" value={a.id} />
                  <button type="submit" className="link-button">
                    {t("org.accept")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section>
        <h2>{t("org.offers")}</h2>
        <OfferList offers={dashboard.offers} showOrganisation={false} />
        <ul className="plain">
          {dashboard.offers.map((o) => (
            <li key={o.id}>
              <Link to={`/org/offers/${o.id}`}>{t("org.edit", { title: o.title })}</Link>{" "}
              <Form method="post" className="inline">
                <input type="hidden" name="intent" value="toggleOffer" />
                <input type="hidden" name="id" value={o.id} />
                <input type="hidden" name="active" value={o.active ? "false" : "true"} />
                <button type="submit" className="link-button">
                  {o.active ? t("org.pause", { title: o.title }) : t("org.activate", { title: o.title })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      </section>

      <section className="narrow">
        <h2>{t("org.newOffer")}</h2>
        <OfferForm
          formRef={newForm}
          intent="createOffer"
          errors={errors}
          typed={result?.values}
          defaults={{ category: "", area: "", capacityPerMonth: "10", weekdays: [1, 2, 3, 4, 5] }}
          street={street}
          communities={places.communities}
          submitLabel={t("org.publishOffer")}
        />
      </section>
    </>
  );
}
