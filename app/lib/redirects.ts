// The one check for where the app may send a browser after a form or a login: only a path on this
// site. Browsers and URL parsers forgive a lot (tabs and newlines are dropped, "\" is read as "/",
// "/\t/evil.example" becomes "//evil.example"), so the value is decoded first and anything that a
// browser could read as another host, or that cannot go into a Location header, is refused.

// C0 and C1 controls, DEL, and the invisible formatting characters a browser may strip or reorder.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\\]/;

function decodeFully(value: string): string | null {
  let current = value;
  // Percent-encoding can be stacked ("%252F"): decode until nothing changes (a few rounds at most).
  for (let round = 0; round < 5; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}

/** True when `value` is a path on this site that no browser reads as another host. */
export function isSafeRedirectPath(value: string | null | undefined): value is string {
  if (!value || value.length > 2048) return false;
  const decoded = decodeFully(value);
  if (decoded === null) return false;
  for (const candidate of [value, decoded]) {
    if (!candidate.startsWith("/") || candidate.startsWith("//")) return false;
    if (UNSAFE_CHARACTERS.test(candidate)) return false;
    // "/." tricks aside, a second slash right after dot segments ("/./\/host") is refused with the rest.
    if (/^\/[./]*\//.test(candidate)) return false;
  }
  // The last word goes to the URL parser a browser uses: resolved against this site, it stays on it.
  try {
    const base = "http://linli.invalid";
    const resolved = new URL(value, base);
    return resolved.origin === base;
  } catch {
    return false;
  }
}

/** Only paths on this site: never an open redirect. */
export function safeRedirectPath(value: string | null | undefined, fallback: string): string {
  return isSafeRedirectPath(value) ? value : fallback;
}
