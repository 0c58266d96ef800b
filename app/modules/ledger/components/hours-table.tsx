import type { ReactNode } from "react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatTianjinDateTime, tianjinDateTimeLocal } from "~/lib/tianjin-time";

interface HourRow {
  id: string;
  startsAt: string;
  endsAt: string;
  minutes: number;
  status: string;
  kind: string;
  awaitingSecondApproval: boolean;
  reversed?: boolean;
}

interface Column<E> {
  heading: string;
  cell: (entry: E) => ReactNode;
}

/**
 * Hour entries as a table: who or what (first column), when, minutes, status and what can be done (last column).
 * `wide`: the organiser's table, scrolled sideways on a phone, with the service's start and end;
 * `cards`: the volunteer's own, each row a card on a phone (cells labelled), with the start.
 */
export function HoursTable<E extends HourRow>({
  entries,
  layout,
  first,
  last,
}: {
  entries: readonly E[];
  layout: "wide" | "cards";
  first: Column<E>;
  last: Column<E>;
}) {
  const { t, i18n } = useTranslation();
  const time = (iso: string) => formatTianjinDateTime(iso, i18n.language);
  const cards = layout === "cards";
  const label = (key: string) => (cards ? t(key) : undefined);
  const table = (
    <table className={`table table--${layout}`}>
      <thead>
        <tr>
          <th scope="col">{first.heading}</th>
          <th scope="col">{t("activities.time")}</th>
          <th scope="col">{t("activities.minutes")}</th>
          <th scope="col">{t("wishes.status")}</th>
          <th scope="col">{last.heading}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id}>
            <td>{first.cell(e)}</td>
            <td data-label={label("activities.time")}>
              {cards ? (
                time(e.startsAt)
              ) : (
                <>
                  {time(e.startsAt)} – {time(e.endsAt)}
                </>
              )}
            </td>
            <td data-label={label("activities.minutes")}>{e.minutes}</td>
            <td data-label={label("wishes.status")}>
              <HourEntryStatus entry={e} />
            </td>
            <td data-label={cards ? last.heading : undefined}>{last.cell(e)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return cards ? table : <div className="table-scroll">{table}</div>;
}

/** An entry's status, with what else is true of it: awaiting a second approval, its kind, reversed. */
export function HourEntryStatus({ entry: e }: { entry: HourRow }) {
  const { t } = useTranslation();
  return (
    <>
      {t(`hourStatus.${e.status}`)}
      {e.awaitingSecondApproval ? ` · ${t("hourBounds.awaitingSecondApproval")}` : ""}
      {e.kind !== "attendance" ? ` · ${t(`hourKind.${e.kind}`)}` : ""}
      {e.reversed ? ` · ${t("hourKind.reversed")}` : ""}
    </>
  );
}

/** A one-line form in a table cell that asks for a reason: rejecting, reversing, or asking for a correction. */
export function ReasonForm({
  hidden,
  reasonLabel,
  submitLabel,
}: {
  hidden: Record<string, string>;
  reasonLabel: string;
  submitLabel: string;
}) {
  return (
    <Form method="post" className="inline">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input name="reason" required placeholder={reasonLabel} aria-label={reasonLabel} />
      <button type="submit" className="link-button">
        {submitLabel}
      </button>
    </Form>
  );
}

/**
 * A volunteer's request to correct an entry: what is wrong, and the right times, which start as the
 * entry's own. Accepting records those times in its place, so a request that only explains never
 * leaves the volunteer with nothing.
 */
export function CorrectionForm({ entry }: { entry: { id: string; activityId: string; startsAt: string; endsAt: string } }) {
  const { t } = useTranslation();
  // Folded until asked for: most entries are right, and a card of three fields each is a wall.
  return (
    <details className="correction">
      <summary>{t("hours.askCorrection")}</summary>
      <Form method="post" className="correction-form">
        <input type="hidden" name="activityId" value={entry.activityId} />
        <input type="hidden" name="hourEntryId" value={entry.id} />
        <label>
          {t("hours.correctionReason")}
          <input name="reason" required maxLength={500} />
        </label>
        <label>
          {t("hours.correctedStart")}
          <input type="datetime-local" name="requestedStartsAt" defaultValue={tianjinDateTimeLocal(entry.startsAt)} required />
        </label>
        <label>
          {t("hours.correctedEnd")}
          <input type="datetime-local" name="requestedEndsAt" defaultValue={tianjinDateTimeLocal(entry.endsAt)} required />
        </label>
        <button type="submit" className="button button--secondary">
          {t("hours.send")}
        </button>
      </Form>
    </details>
  );
}
