import { defaultLocale, isLocale, supportedLocales, type Locale } from "./i18n";

export const LOCALE_COOKIE = "lng";

/**
 * The language: the one chosen with the language switch (a cookie), otherwise Chinese. Accept-Language
 * is not followed: the service is Chinese first, and English is one click away in the header.
 */
export function detectLocale(request: Request): Locale {
  const cookie = request.headers.get("Cookie") ?? "";
  const match = cookie.match(/(?:^|;\s*)lng=([^;]+)/);
  const fromCookie = match ? decodeURIComponent(match[1] ?? "") : null;
  return isLocale(fromCookie) ? fromCookie : defaultLocale;
}

export function localeCookie(locale: Locale): string {
  return `${LOCALE_COOKIE}=${encodeURIComponent(locale)}; Path=/; Max-Age=31536000; SameSite=Lax`;
}

export { supportedLocales };
