import type { RouteAccess } from "~/lib/access";
import { ConsentField, DisplayNameField } from "~/modules/accounts/components/credential-fields";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, TextField } from "~/components/form-field";
import { formAction, readForm } from "~/lib/forms.server";
import { parseOrThrow } from "~/lib/validation";
import { ResidentOnBehalfInput } from "~/modules/accounts/accounts.schema";
import { createResidentOnBehalf } from "~/modules/accounts/accounts.server";
import { governsCommunity } from "~/modules/accounts/accounts.policy";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { placeTree } from "~/modules/places/places.server";
import { CommunityOptions } from "~/modules/places/components/community-options";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = {
  loader: ["platform_admin", "street_admin", "community_staff"],
  action: ["platform_admin", "street_admin", "community_staff"],
};

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.newResident"));

async function staffCommunities(request: Request) {
  const viewer = await requireUserForPage(request);
  const places = await placeTree();
  const mine = places.communities.filter((c) => governsCommunity(viewer, { communityId: c.id, streetId: c.streetId })).map((c) => c.id);
  if (mine.length === 0) throw new Response("forbidden", { status: 403 });
  return { viewer, places, mine };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { places, mine } = await staffCommunities(request);
  return { places, mine };
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await staffCommunities(request);
  const values = await readForm(request);
  return formAction(values, async () => {
    const input = parseOrThrow(ResidentOnBehalfInput, values);
    const id = await createResidentOnBehalf(viewer, input);
    return { created: { id, name: input.displayName, hasLogin: !!input.phone } };
  });
}

export default function NewResident() {
  const { places, mine } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = result && "fieldErrors" in result ? result.fieldErrors : {};
  const typed: Record<string, string | undefined> = result && "values" in result ? result.values : {};
  return (
    <section className="narrow">
      <h1>{t("residents.newTitle")}</h1>
      <p className="muted">{t("residents.intro")}</p>
      {result && "created" in result ? (
        <>
          <ResidentNextSteps resident={result.created} />
          <p>
            <Link to="/residents/new">{t("residents.registerAnother")}</Link>
          </p>
        </>
      ) : (
        <Form method="post" className="stack">
          <FormError error={errors._form} />
          <DisplayNameField forResident error={errors.displayName} defaultValue={typed.displayName} />
          <TextField name="fullName" label={t("residents.fullName")} error={errors.fullName} defaultValue={typed.fullName} />
          <TextField
            name="phone"
            type="tel"
            label={t("residents.phone")}
            hint={t("residents.phoneHint")}
            error={errors.phone}
            defaultValue={typed.phone}
          />
          <TextField name="address" label={t("residents.address")} error={errors.address} defaultValue={typed.address} />
          <SelectField
            name="communityId"
            label={t("auth.community")}
            error={errors.communityId}
            defaultValue={typed.communityId ?? (mine.length === 1 ? mine[0] : "")}
            required
          >
            <CommunityOptions places={places} only={mine} />
          </SelectField>
          <ConsentField label={t("residents.consent")} error={errors.consent} />
          <button type="submit" className="button">
            {t("residents.create")}
          </button>
        </Form>
      )}
    </section>
  );
}

/** What staff usually do next: hand over a login slip, and post the wish the resident came with. */
function ResidentNextSteps({ resident }: { resident: { id: string; name: string; hasLogin: boolean } }) {
  const { t } = useTranslation();
  return (
    <div className="notice next-steps" role="status">
      <p>{t("residents.created", { name: resident.name })}</p>
      <h2>{t("residents.nextSteps")}</h2>
      <ul className="plain next-steps__list">
        {resident.hasLogin ? (
          <li>
            <Form method="post" action={`/residents/${resident.id}/slip`}>
              <button type="submit" className="button">
                {t("residents.printSlip")}
              </button>
            </Form>
            <p className="field__hint">{t("residents.printSlipHint")}</p>
          </li>
        ) : null}
        <li>
          <Link className="button button--secondary" to={`/wishes/new?for=${resident.id}`}>
            {t("residents.postForThem", { name: resident.name })}
          </Link>
        </li>
      </ul>
    </div>
  );
}
