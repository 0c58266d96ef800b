import type { RouteAccess } from "~/lib/access";
import { fromTianjinLocal } from "~/lib/tianjin-time";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, SelectField, TextField } from "~/components/form-field";
import { formAction, readFormFields } from "~/lib/forms.server";
import { parseOrThrow } from "~/lib/validation";
import { governsCommunity, organisationsOf } from "~/modules/accounts/accounts.policy";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { listOrganisationsByIds } from "~/modules/accounts/invitations.server";
import { ActivityInput } from "~/modules/activities/activities.schema";
import { createActivity } from "~/modules/activities/activities.server";
import { categoryKeys } from "~/modules/categories/categories";
import { placeTree } from "~/modules/places/places.server";
import { CommunityOptions } from "~/modules/places/components/community-options";
import { pageMeta } from "~/lib/meta";

const organisers = ["org_admin", "community_staff", "street_admin", "platform_admin"] as const;
export const access: RouteAccess = { loader: organisers, action: organisers };

export const meta: MetaFunction = (args) => pageMeta(args, (t) => t("titles.newActivity"));

async function requireOrganiserRole(request: Request) {
  const viewer = await requireUserForPage(request);
  if (!viewer.memberships.some((m) => (organisers as readonly string[]).includes(m.role)))
    throw new Response("organisers only", { status: 403 });
  return viewer;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireOrganiserRole(request);
  const [places, teams] = await Promise.all([placeTree(), listOrganisationsByIds(organisationsOf(viewer))]);
  const staffOf = places.communities.filter((c) => governsCommunity(viewer, { communityId: c.id, streetId: c.streetId })).map((c) => c.id);
  return { places, teams, staffOf };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireOrganiserRole(request);
  const { values } = await readFormFields(request);
  return formAction(values, async () => {
    const activity = await createActivity(
      viewer,
      parseOrThrow(ActivityInput, {
        ...values,
        organisationId: values.organisationId || undefined,
        startsAt: fromTianjinLocal(values.startsAt),
        endsAt: fromTianjinLocal(values.endsAt),
        capacity: values.capacity ? Number(values.capacity) : undefined,
        skills: (values.skills ?? "").split(/[,，、\s]+/).filter(Boolean),
      }),
    );
    return redirect(`/activities/${activity.id}`, 303);
  });
}

export default function NewActivity() {
  const { places, teams, staffOf } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const errors = result?.fieldErrors ?? {};
  const v = result?.values ?? {};
  return (
    <section className="narrow">
      <h1>{t("activities.newTitle")}</h1>
      <Form method="post" className="stack">
        <FormError error={errors._form} />
        <TextField name="title" label={t("activities.titleLabel")} error={errors.title} defaultValue={v.title} required />
        <div className="field">
          <label htmlFor="field-description">{t("post.description")}</label>
          <textarea id="field-description" name="description" rows={3} defaultValue={v.description} />
        </div>
        <SelectField name="category" label={t("post.category")} error={errors.category} defaultValue={v.category ?? ""} required>
          <option value="">{t("common.choose")}</option>
          {categoryKeys.map((key) => (
            <option key={key} value={key}>
              {t(`category.${key}`)}
            </option>
          ))}
        </SelectField>
        <SelectField name="communityId" label={t("auth.community")} error={errors.communityId} defaultValue={v.communityId ?? ""} required>
          <CommunityOptions places={places} />
        </SelectField>
        {/* 由社区组织 only for the community's staff; a team's admin organises for their team (the first preselected). */}
        <SelectField
          name="organisationId"
          label={t("activities.team")}
          error={errors.organisationId}
          defaultValue={v.organisationId ?? (staffOf.length ? "" : (teams[0]?.id ?? ""))}
        >
          {staffOf.length ? <option value="">{t("activities.byCommunity")}</option> : null}
          {teams.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <TextField name="location" label={t("activities.location")} error={errors.location} defaultValue={v.location} />
        <TextField
          name="startsAt"
          type="datetime-local"
          label={t("activities.startsAt")}
          error={errors.startsAt}
          defaultValue={v.startsAt}
          required
        />
        <TextField
          name="endsAt"
          type="datetime-local"
          label={t("activities.endsAt")}
          error={errors.endsAt}
          defaultValue={v.endsAt}
          required
        />
        <TextField
          name="capacity"
          type="number"
          inputMode="numeric"
          label={t("activities.capacity")}
          error={errors.capacity}
          defaultValue={v.capacity ?? "10"}
          required
        />
        <TextField name="skills" label={t("activities.skills")} hint={t("org.tagsHint")} error={errors.skills} defaultValue={v.skills} />
        <button type="submit" className="button">
          {t("activities.create")}
        </button>
      </Form>
    </section>
  );
}
