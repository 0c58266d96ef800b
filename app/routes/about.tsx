import type { RouteAccess } from "~/lib/access";
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useTranslation } from "react-i18next";
import { publicPageHeaders } from "~/lib/cache-headers.server";
import { pageMeta } from "~/lib/meta";

// A static page: no data, public and cacheable like the showcase. The app benchmark also uses it
// as its "trivial route", the floor of what any page costs through Express and Remix.
export const access: RouteAccess = { loader: "public" };
// Kept a few seconds per session (app/lib/page-cache.server.ts): static text, its loader only reads.
export const handle = { sessionPageCache: true };
export const headers: HeadersFunction = ({ loaderHeaders }) => loaderHeaders;

export const meta: MetaFunction = (args) =>
  pageMeta(args, (t) => ({ title: t("titles.about"), description: t("titles.aboutDescription") }));

export function loader({ request }: LoaderFunctionArgs) {
  return data(null, { headers: publicPageHeaders(request) });
}

export default function About() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("about.title")}</h1>
      <p className="lead">{t("about.intro")}</p>
      <section aria-labelledby="about-who">
        <h2 id="about-who">{t("about.whoTitle")}</h2>
        <p>{t("about.who")}</p>
      </section>
      <section aria-labelledby="about-privacy">
        <h2 id="about-privacy">{t("about.privacyTitle")}</h2>
        <p>{t("about.privacy")}</p>
      </section>
      <section aria-labelledby="about-contact">
        <h2 id="about-contact">{t("about.contactTitle")}</h2>
        <p>{t("about.contact")}</p>
      </section>
    </>
  );
}
