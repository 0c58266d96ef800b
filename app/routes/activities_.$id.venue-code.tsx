import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import QRCode from "qrcode";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { RouteAccess } from "~/lib/access";
import { loadPage } from "~/lib/page.server";
import { formatTianjinDateTime, tianjinClockTime } from "~/lib/tianjin-time";
import { parseId } from "~/lib/validation";
import { requireUserForPage } from "~/modules/accounts/auth.server";
import { organiserVenueCode } from "~/modules/activities/check-in.server";
import { pageMeta } from "~/lib/meta";

// The organiser's screen at the venue: the current code, large, replaced every minute.
export const access: RouteAccess = { loader: "user" };

export const meta: MetaFunction<typeof loader> = (args) =>
  pageMeta(args, (t, data) => (data ? `${t("checkIn.venueTitle")} · ${data.activity.title}` : t("checkIn.venueTitle")), [
    { name: "robots", content: "noindex" },
  ]);

export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store", "Referrer-Policy": "same-origin" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireUserForPage(request);
  return loadPage(async () => {
    const venue = await organiserVenueCode(viewer, parseId(params.id, "activity"), new URL(request.url).origin);
    return { ...venue, svg: await QRCode.toString(venue.url, { type: "svg", margin: 2, errorCorrectionLevel: "M" }) };
  });
}

export default function VenueCode() {
  const { activity, svg, refreshAt, refreshInSeconds, scanWindow, scanOpenNow } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const revalidator = useRevalidator();
  const time = (iso: string) => formatTianjinDateTime(iso, i18n.language);

  // With JavaScript the code is fetched anew when it changes; without, the <noscript> refresh reloads the page.
  useEffect(() => {
    const timer = setTimeout(() => revalidator.revalidate(), refreshInSeconds * 1000);
    return () => clearTimeout(timer);
  }, [refreshAt, refreshInSeconds, revalidator]);

  return (
    <section className="venue-code" aria-labelledby="venue-code-title">
      <noscript>
        <meta httpEquiv="refresh" content={String(refreshInSeconds)} />
      </noscript>
      <h1 id="venue-code-title">{t("checkIn.venueTitle")}</h1>
      <p className="venue-code__activity">{activity.title}</p>
      <p className="muted">
        {time(activity.startsAt)} – {time(activity.endsAt)}
      </p>
      <p className="venue-code__lead">{t("checkIn.venueLead")}</p>
      {scanOpenNow ? null : (
        <p className="notice notice--warning" role="status">
          {t("checkIn.venueNotOpen")}
        </p>
      )}
      <div className="venue-code__qr" role="img" aria-label={t("checkIn.venueQr", { title: activity.title })}>
        <div dangerouslySetInnerHTML={{ __html: svg }} />
      </div>
      <p>
        {t("checkIn.venueNext", { time: tianjinClockTime(refreshAt) })} ·{" "}
        <Link to="." reloadDocument>
          {t("checkIn.venueRefresh")}
        </Link>
      </p>
      <p className="muted">{t("checkIn.venueRotates")}</p>
      <p className="muted">{t("checkIn.venueWindow", { opens: time(scanWindow.opensAt), closes: time(scanWindow.closesAt) })}</p>
      <p>
        <Link to={`/activities/${activity.id}`}>{t("checkIn.activityLink")}</Link>
      </p>
    </section>
  );
}
