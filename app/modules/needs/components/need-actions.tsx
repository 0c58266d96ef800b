import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";

import type { NeedAction as Action } from "../lifecycle";

const reasonLabel = {
  decline: "transitions.declineReason",
  reopen: "transitions.reopenReason",
  recall: "transitions.recallReason",
  release: "transitions.releaseReason",
} as const;

/** One small form per action the viewer may take: works without JavaScript. */
export function NeedActions({
  actions,
  itemId,
  organisations,
  errors,
  formAction,
  dispatchTo = [],
  drawOn,
  takesBack = false,
}: {
  /** The viewer releases as staff, not as the claimer: 收回 with a reason the organisation is told. */
  takesBack?: boolean;
  /** A claim's choice of offer (claims.server.ts offersToDrawOn): whose monthly capacity it spends. */
  drawOn?: { offers: { id: string; title: string; organisationName: string; capacityLeft: number }[]; chosen: string } | null;
  actions: Action[];
  /** Whom staff may dispatch to: the matcher's ranking first, then the place's partners. */
  dispatchTo?: { organisationId: string; organisationName: string; reasons: string[]; viaAgreement: boolean }[];
  itemId?: string;
  organisations: { id: string; name: string }[];
  errors: Record<string, string>;
  /** Where the forms post: the wish's own page by default. */
  formAction?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="action-forms">
      {actions.map((action) => (
        <Form
          key={action}
          method="post"
          action={formAction}
          className="action-form"
          encType={action === "fulfil" ? "multipart/form-data" : undefined}
        >
          <input type="hidden" name="action" value={action} />
          {itemId ? <input type="hidden" name="itemId" value={itemId} /> : null}
          {action === "reject" ? (
            <label>
              {t("transitions.reason")}
              <textarea name="reason" required rows={2} maxLength={500} aria-invalid={errors.reason ? true : undefined} />
            </label>
          ) : null}
          {action === "claim" && organisations.length > 1 ? (
            <label>
              {t("transitions.organisation")}
              <select name="organisationId" required>
                {organisations.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {action === "claim" && drawOn?.offers.length ? (
            <label>
              {t("transitions.drawOn")}
              <select name="offerId" defaultValue={drawOn.chosen} aria-invalid={errors.offerId ? true : undefined}>
                {drawOn.offers.map((o) => (
                  <option key={o.id} value={o.id}>
                    {t(o.capacityLeft > 0 ? "transitions.drawOnOffer" : "transitions.drawOnFull", {
                      title: o.title,
                      organisation: o.organisationName,
                      count: o.capacityLeft,
                    })}
                  </option>
                ))}
                <option value="">{t("transitions.drawOnNone")}</option>
              </select>
            </label>
          ) : null}
          {action === "fulfil" ? (
            <>
              <label>
                {t("transitions.note")}
                {/* DESIGN: delivery is reported with a note (what was done), which the resident and staff read. */}
                <textarea name="note" required rows={2} maxLength={2000} aria-invalid={errors.note ? true : undefined} />
              </label>
              <label>
                {t("transitions.photos")}
                <input name="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple />
              </label>
            </>
          ) : null}
          {action === "confirm" ? (
            <>
              <label>
                {t("transitions.thanks")}
                <textarea name="thanks" rows={2} maxLength={500} />
              </label>
              <label>
                {t("transitions.rating")}
                <select name="rating" defaultValue="5">
                  {[5, 4, 3, 2, 1].map((n) => (
                    <option key={n} value={n}>
                      {"★".repeat(n)}
                    </option>
                  ))}
                </select>
              </label>
            </>
          ) : null}
          {action === "dispatch" ? (
            <>
              <label>
                {t("transitions.dispatchTo")}
                {/* Nothing chosen until staff choose: a case sent to the wrong partner costs a day. */}
                <select name="organisationId" required defaultValue="" aria-invalid={errors.organisationId ? true : undefined}>
                  <option value="" disabled>
                    {t(dispatchTo.length ? "transitions.dispatchChoose" : "transitions.dispatchNone")}
                  </option>
                  {dispatchTo.map((o) => (
                    <option key={o.organisationId} value={o.organisationId}>
                      {o.viaAgreement
                        ? t("transitions.dispatchAgreement", { name: o.organisationName })
                        : o.reasons.length
                          ? t("transitions.dispatchMatched", { name: o.organisationName, reasons: o.reasons.slice(0, 2).join(t("transitions.dispatchReasonSeparator")) })
                          : o.organisationName}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t("transitions.dispatchNote")}
                <textarea name="note" rows={2} maxLength={2000} />
              </label>
            </>
          ) : null}
          {action === "decline" || action === "reopen" || action === "recall" || (action === "release" && takesBack) ? (
            <label>
              {t(reasonLabel[action as keyof typeof reasonLabel])}
              <textarea name="reason" required rows={2} maxLength={500} aria-invalid={errors.reason ? true : undefined} />
            </label>
          ) : null}
          {action === "not_done" ? (
            <label>
              {t("transitions.notDoneNote")}
              <textarea name="note" required rows={2} maxLength={2000} aria-invalid={errors.note ? true : undefined} />
            </label>
          ) : null}
          <button
            type="submit"
            className={`button${
              ["reject", "withdraw", "release", "not_done", "decline", "reopen", "recall"].includes(action) ? " button--secondary" : ""
            }`}
          >
            {t(action === "release" && takesBack ? "transitions.releaseByStaff" : `transitions.${action}`)}
          </button>
        </Form>
      ))}
    </div>
  );
}
