// Refuses state-changing requests sent by a page of another origin. Remix's own check covers only
// document POSTs and answers 500; this one covers every method, forms and the JSON API alike.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface RequestOrigin {
  method: string;
  /** Host the client addressed (Host, or X-Forwarded-Host behind a trusted proxy). */
  host: string | undefined;
  /** Scheme the client used ("http" or "https"; X-Forwarded-Proto behind a trusted proxy). */
  protocol: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
}

export function isCrossOriginWrite({ method, host, protocol, origin, secFetchSite }: RequestOrigin): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false;
  // Browsers label every request; "none" is a user-typed navigation, never a cross-site form.
  if (secFetchSite && secFetchSite !== "same-origin" && secFetchSite !== "none") return true;
  if (origin) {
    if (origin === "null") return true;
    // The whole origin: scheme, host and port (an https page posting to the http site is another origin).
    try {
      return !host || new URL(origin).origin !== new URL(`${protocol}://${host}`).origin;
    } catch {
      return true;
    }
  }
  // Neither header: not a browser (an integrating system or a script), so no CSRF risk.
  return false;
}
