// Page titles in the page's language. A route's meta function has no i18n context: the language comes
// from the root loader's data (the language cookie), the words from the same locale files as the page.
import { isRouteErrorResponse } from "@remix-run/react";
import type { MetaDescriptor } from "@remix-run/node";
import type { TFunction } from "i18next";
import { createI18n, defaultLocale, isLocale, pageI18n, type Locale } from "./i18n";

interface MetaArgsLike<D = unknown> {
  data?: D;
  error?: unknown;
  matches: readonly ({ id: string; data?: unknown } | undefined)[];
}

/**
 * The translation function for a language: on the server one shared instance per language; in the
 * browser the page's own instance (its language is the page's: the language switch reloads the page).
 */
export function translatorFor(locale: Locale): TFunction {
  return (pageI18n() ?? createI18n(locale)).t;
}

/** The page's language, as the root loader read it from the cookie. */
export function metaLocale(matches: MetaArgsLike["matches"]): Locale {
  const root = matches.find((m) => m?.id === "root")?.data as { locale?: unknown } | undefined;
  return isLocale(root?.locale) ? root.locale : defaultLocale;
}

/** The title of an error page: 404, 403, 503 or the rest. */
export function errorTitle(t: TFunction, error: unknown): string {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 404) return t("errors.notFoundTitle");
  if (status === 403) return t("errors.forbiddenTitle");
  if (status === 503) return t("errors.unavailableTitle");
  return t("errors.serverTitle");
}

export interface PageHead {
  title: string | undefined;
  description?: string;
}

/**
 * A route's meta: `<title>` "page | 邻里" (or "page | Linli" in English), og:title and an optional
 * description, all in the page's language; an error page gets its error's title. Never an empty title.
 */
export function pageMeta<D>(
  args: MetaArgsLike<D>,
  head: (t: TFunction, data: D | undefined) => string | undefined | PageHead,
  extra: MetaDescriptor[] = [],
): MetaDescriptor[] {
  const t = translatorFor(metaLocale(args.matches));
  const site = t("app.name");
  // Remix passes `error: null` when nothing failed.
  if (args.error != null && args.data === undefined) return [{ title: `${errorTitle(t, args.error)} | ${site}` }];
  const given = head(t, args.data);
  const { title, description } = typeof given === "object" ? given : { title: given, description: undefined };
  if (!title) return [{ title: `${site} · ${t("app.tagline")}` }, ...extra];
  return [
    { title: `${title} | ${site}` },
    { property: "og:title", content: title },
    ...(description
      ? [
          { name: "description", content: description },
          { property: "og:description", content: description },
        ]
      : []),
    ...extra,
  ];
}

/** The root's meta: the site's name, or the error's title when a page failed (routes without meta of their own inherit it). */
export function rootMeta(args: MetaArgsLike): MetaDescriptor[] {
  const t = translatorFor(metaLocale(args.matches));
  if (args.error != null) return [{ title: `${errorTitle(t, args.error)} | ${t("app.name")}` }];
  return [{ title: `${t("app.name")} · ${t("app.tagline")}` }];
}
