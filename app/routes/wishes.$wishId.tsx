import { formatTianjinDateTime } from "~/lib/tianjin-time";
import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, useFieldError } from "~/components/form-field";
import { uploadFormAction } from "~/lib/forms.server";
import { parseId, parseOrThrow } from "~/lib/validation";
import { photosOfNeed, readImageUploads } from "~/modules/attachments/attachments.server";
import { loadPage } from "~/lib/page.server";
import { adminOf, organisationsOf } from "~/modules/accounts/accounts.policy";
import { getViewer, requireUserForPage } from "~/modules/accounts/auth.server";
import { listOrganisationsByIds } from "~/modules/accounts/invitations.server";
import { TransitionInput } from "~/modules/needs/needs.schema";
import { getNeedFor, revealContact } from "~/modules/needs/needs.server";
import { caseHistory } from "~/modules/needs/history.server";
import { availableActions, transitionNeed } from "~/modules/needs/transitions.server";
import { offersToDrawOn } from "~/modules/claims/claims.server";
import { dispatchSuggestions } from "~/modules/problems/dispatch.server";
import { now } from "~/lib/clock.server";
import { NeedActions } from "~/modules/needs/components/need-actions";
import { MatchPanel } from "~/modules/matching/components/match-panel";
import { matchedOfferIds, suggestedPartnersForWish } from "~/modules/suggestions/suggestions.server";
import { detectLocale } from "~/lib/locale.server";
import { pageMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "public", action: "user" };
// Kept a few seconds per session (app/lib/page-cache.server.ts): its loader only reads (the contact is revealed, and audited, by the action; the loader only reads whether it was).
export const handle = { sessionPageCache: true };

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t, data) => (data ? { title: data.need.title, description: data.need.description.slice(0, 80) } : t("titles.wishes")));

export async function loader({ request, params }: LoaderFunctionArgs) {
  return loadPage(async () => {
    const id = parseId(params.wishId, "wish");
    const viewer = await getViewer(request);
    const need = await getNeedFor(viewer, id);
    const [actions, history, organisations, photos, partners] = await Promise.all([
      availableActions(viewer, id),
      caseHistory(viewer, id, { seesContact: !!need.private, holderId: need.helper?.organisationId ?? null }),
      // Only an organisation's admins claim for it.
      viewer ? listOrganisationsByIds(organisationsOf(viewer).filter((o) => adminOf(viewer, o))) : [],
      photosOfNeed(id),
      suggestedPartnersForWish(viewer, id, need.status, detectLocale(request)),
    ]);
    // Staff dispatching: the organisations the matcher ranks for the case, then the place's partners.
    const dispatchTo =
      viewer && actions.need.includes("dispatch")
        ? await dispatchSuggestions(
            viewer,
            { id: need.id, title: need.title, communityId: need.communityId, streetId: need.streetId },
            now(),
            detectLocale(request),
          )
        : [];
    // Claiming: which of the viewer's offers the claim spends, the matcher's pick chosen.
    const drawOn =
      viewer && [actions.need, ...Object.values(actions.items)].some((a) => a.includes("claim"))
        ? await offersToDrawOn(viewer, need, await matchedOfferIds(id))
        : null;
    return {
      need,
      actions,
      drawOn,
      organisations,
      photos,
      partners,
      dispatchTo,
      history,
    };
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireUserForPage(request);
  const id = await loadPage(async () => parseId(params.wishId, "wish"));
  return uploadFormAction(request, readImageUploads, async (values, photos) => {
    // The contact is revealed on request only (audited), then shown by the loader.
    if (values._intent === "contact") {
      await revealContact(viewer, id);
      return redirect(`/wishes/${id}?done=contact`, 303);
    }
    const input = parseOrThrow(TransitionInput, values);
    await transitionNeed(viewer, id, input, photos);
    return redirect(`/wishes/${id}?done=${input.action}`, 303);
  });
}

export default function WishPage() {
  const { need, actions, drawOn, history, organisations, photos, partners, dispatchTo } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const fieldError = useFieldError();
  const date = (iso: string) => formatTianjinDateTime(iso, i18n.language);
  const errors = result?.fieldErrors ?? {};
  const done = params.get("done");
  // What a refused action said: under the case's own actions, or (a partner claiming a project's item has none)
  // under the items.
  const actionErrors = (
    <>
      <FormError error={errors._form} />
      {(["reason", "note", "organisationId", "offerId", "itemId"] as const).map((field) =>
        errors[field] ? (
          <p key={field} className="field__error">
            {fieldError(errors[field])}
          </p>
        ) : null,
      )}
    </>
  );
  return (
    <article className="need-page">
      <p>
        <Link to="/wishes">← {t("wishes.back")}</Link>
      </p>
      {done ? (
        <p className="notice" role="status">
          {t(`transitions.done.${done}`, { defaultValue: t("transitions.doneGeneric") })}
        </p>
      ) : null}
      <p className="need-card__meta">
        <span className={`badge badge--${need.status}`}>{t(`status.${need.status}`)}</span>{" "}
        <span className="badge badge--kind">{t(`kind.${need.kind}`)}</span> <span>{t(`category.${need.category ?? "none"}`)}</span>
      </p>
      <h1>{need.title}</h1>
      <p className="need-card__place">{t("wishes.place", { street: need.streetName, community: need.communityName })}</p>
      <p>
        {t(need.kind === "micro_wish" ? "wishes.postedBy" : "wishes.postedByCommunity", { name: need.requesterName })} ·{" "}
        {t("wishes.postedAt", { date: date(need.createdAt) })}
      </p>
      <p className="need-page__description">{need.description}</p>
      {photos.wish.length + photos.fulfilment.length > 0 ? (
        <section aria-labelledby="photos-heading">
          <h2 id="photos-heading">{t("wishes.photos")}</h2>
          <div className="photos">
            {[...photos.wish, ...photos.fulfilment].map((p) => (
              <a key={p.id} href={p.url}>
                <img src={p.url} alt={t("wishes.photoAlt")} width={p.width ?? undefined} height={p.height ?? undefined} loading="lazy" />
              </a>
            ))}
          </div>
        </section>
      ) : null}

      {need.contactRevealable ? (
        <section className="private-box" aria-labelledby="private-heading">
          <h2 id="private-heading">{t("contactReveal.title")}</h2>
          <p>{t("contactReveal.explain")}</p>
          <Form method="post" encType="multipart/form-data">
            <input type="hidden" name="_intent" value="contact" />
            <button type="submit" className="button">
              {t("contactReveal.button")}
            </button>
          </Form>
        </section>
      ) : null}
      {need.private ? (
        <section className="private-box" aria-labelledby="private-heading">
          <h2 id="private-heading">{t("wishes.privateTitle")}</h2>
          <dl className="pairs">
            <dt>{t("wishes.residentName")}</dt>
            <dd>{need.private.residentName ?? "—"}</dd>
            <dt>{t("wishes.contactPhone")}</dt>
            <dd>{need.private.contactPhone ?? "—"}</dd>
            <dt>{t("wishes.address")}</dt>
            <dd>{need.private.address ?? "—"}</dd>
            {need.private.location ? (
              <>
                <dt>{t("wishes.location")}</dt>
                <dd>{need.private.location}</dd>
              </>
            ) : null}
            {need.private.rejectReason ? (
              <>
                <dt>{t("wishes.rejectReason")}</dt>
                <dd>{need.private.rejectReason}</dd>
              </>
            ) : null}
            {need.private.rating ? (
              <>
                <dt>{t("completion.rating")}</dt>
                <dd aria-label={t("completion.ratingLabel", { count: need.private.rating })}>{"★".repeat(need.private.rating)}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}

      {partners ? (
        <MatchPanel
          id="partners-for-wish"
          heading={t("matching.partnersForWish")}
          hint={t("matching.partnersForWishHint")}
          panel={partners}
          toItem={(o) => ({
            id: o.id,
            href: `/organisations/${o.organisationId}`,
            title: o.title,
            detail: o.organisationName,
            score: o.score,
            reasons: o.reasons,
          })}
        />
      ) : null}

      {need.items.length > 0 ? (
        <section>
          <h2>{t("wishes.items")}</h2>
          {actions.need.length === 0 ? actionErrors : null}
          <ul className="item-list">
            {need.items.map((item) => (
              <li key={item.id}>
                {item.title} — {t(`itemStatus.${item.status}`)}
                {actions.items[item.id]?.length ? (
                  <NeedActions actions={actions.items[item.id]!} itemId={item.id} organisations={organisations} errors={{}} drawOn={drawOn} />
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {need.helper && (need.status === "claimed" || need.status === "fulfilled" || need.status === "completed") ? (
        <section aria-labelledby="helper-heading" className="helper-box">
          <h2 id="helper-heading">{t("completion.title")}</h2>
          <p>
            {t(need.status === "claimed" ? "completion.claimedBy" : "completion.helpedBy")}
            <Link to={`/organisations/${need.helper.organisationId}`}>{need.helper.organisationName}</Link>
          </p>
          {need.helper.fulfilmentNote ? (
            <>
              <h3>{t("completion.note")}</h3>
              <blockquote>{need.helper.fulfilmentNote}</blockquote>
            </>
          ) : null}
          {need.helper.fulfilledAt ? <p className="muted">{t("completion.fulfilledAt", { date: date(need.helper.fulfilledAt) })}</p> : null}
        </section>
      ) : null}

      {need.thanks ? (
        <section>
          <h2>{t("wishes.thanks")}</h2>
          <blockquote>{need.thanks}</blockquote>
        </section>
      ) : null}

      {actions.need.length > 0 ? (
        <section aria-labelledby="actions-heading">
          <h2 id="actions-heading">{t("transitions.title")}</h2>
          {actionErrors}
          {actions.need.includes("submit") && need.status === "rejected" && need.kind === "micro_wish" ? (
            <p>
              <Link to={`/my/wishes/${need.id}/edit`}>{t("my.wishes.editAndResubmit")}</Link>
            </p>
          ) : null}
          <NeedActions
            actions={actions.need}
            organisations={organisations}
            errors={errors}
            dispatchTo={dispatchTo}
            drawOn={drawOn}
            takesBack={actions.takesBack}
          />
        </section>
      ) : null}

      <section aria-labelledby="history-heading">
        <h2 id="history-heading">{t("history.title")}</h2>
        <ol className="history">
          {history.map((e) => (
            <li key={e.id}>
              <time dateTime={e.createdAt}>{date(e.createdAt)}</time>{" "}
              {t(`history.${e.action.replace(".", "_")}`, { defaultValue: e.action })}
              {e.organisation ? ` · ${e.organisation}` : ""}
              {e.actor ? ` · ${e.actor}` : ""}
              {e.detail ? <q className="history__detail">{e.detail}</q> : null}
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}
