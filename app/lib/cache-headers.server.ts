// Public pages are cacheable for anonymous visitors only: a signed-in page carries the user's own header.
export function publicPageHeaders(request: Request): HeadersInit {
  const signedIn = /(?:^|;\s*)linli_session=/.test(request.headers.get("Cookie") ?? "");
  return {
    "Cache-Control": signedIn ? "private, no-store" : "public, max-age=60, s-maxage=300, stale-while-revalidate=600",
    Vary: "Cookie",
  };
}
