import type { RouteAccess } from "~/lib/access";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useMatches, useRouteLoaderData } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { restoreFormDrafts } from "~/lib/form-drafts";
import { useTranslation } from "react-i18next";
import { detectLocale } from "~/lib/locale.server";
import { detectTextSize } from "~/lib/text-size.server";
import { getViewer } from "~/modules/accounts/auth.server";
import { navigationFor } from "~/modules/accounts/navigation.policy";
import { unreadCount } from "~/modules/notifications/notifications.server";
import { pendingReviewCount } from "~/modules/needs/review.server";
import { defaultLocale } from "~/lib/i18n";
import { SiteHeader, SiteFooter } from "~/components/site-layout";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useNonce } from "~/lib/nonce";
import { letEventsThrough } from "~/lib/hydration-guard";
import stylesheet from "~/styles/app.css";
import { rootMeta } from "~/lib/meta";

export const access: RouteAccess = { loader: "public" };

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// The site's title, and the error's title on 404/403/503 pages (routes without meta inherit it).
export const meta: MetaFunction = (args) => rootMeta(args);

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // The header shows who is signed in; a database outage must not take the whole layout down with it.
  const viewer = await getViewer(request).catch(() => null);
  if (!viewer) return { locale: detectLocale(request), textSize: detectTextSize(request), path: url.pathname + url.search, viewer: null };
  const { reviews } = navigationFor(viewer);
  // The two counts at once; only reviewers have a queue to count.
  const [unread, pendingReview] = await Promise.all([
    unreadCount(viewer.id).catch(() => 0),
    reviews ? pendingReviewCount(viewer).catch(() => 0) : 0,
  ]);
  return {
    locale: detectLocale(request),
    textSize: detectTextSize(request),
    path: url.pathname + url.search,
    viewer: {
      displayName: viewer.displayName,
      ...navigationFor(viewer),
      unread,
      pendingReview,
    },
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? defaultLocale;
  const { i18n } = useTranslation();
  // The route the URL matched (the deepest one), for tests and for whoever reads the page source.
  const route = useMatches().at(-1)?.id;
  const nonce = useNonce();
  // Rendering in the browser means the page's data is decoded: taps and key presses may reach React again.
  if (typeof document !== "undefined") letEventsThrough();
  useEffect(() => {
    if (i18n.language !== locale) void i18n.changeLanguage(locale);
  }, [i18n, locale]);
  // Once hydrated: what was typed before a 大字模式 or language switch reloaded the page (form-drafts.ts).
  useEffect(() => {
    restoreFormDrafts(window.location.pathname + window.location.search);
  }, []);
  return (
    <html lang={locale} className={data?.textSize === "large" ? "large-text" : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body data-route={route}>
        <SiteHeader locale={locale} largeText={data?.textSize === "large"} returnTo={data?.path ?? "/"} viewer={data?.viewer ?? null} />
        <main id="main" className="page">
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
