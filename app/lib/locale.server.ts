import { defaultLocale, isLocale, supportedLocales, type Locale } from "./i18n";

export const LOCALE_COOKIE = "lng";

/** The chosen language: the cookie set by the language switch, then Accept-Language, then zh-CN. */
export function detectLocale(request: Request): Locale {
  const cookie = request.headers.get("Cookie") ?? "";
  const match = cookie.match(/(?:^|;\s*)lng=([^;]+)/);
  const fromCookie = match ? decodeURIComponent(match[1] ?? "") : null;
  if (isLocale(fromCookie)) return fromCookie;
  const accept = request.headers.get("Accept-Language") ?? "";
  for (const part of accept.split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase() ?? "";
    if (tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
  }
  return defaultLocale;
}

export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${encodeURIComponent(locale)}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

export { supportedLocales };
