import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "~/lib/i18n";
import { detectLocale } from "~/lib/locale.server";
import { NonceProvider } from "~/lib/nonce";
import { optedIntoSessionPageCache, SESSION_PAGE_CACHE_HEADER } from "~/lib/page-cache.server";
import { validatedSessionExpiry } from "~/modules/accounts/auth.server";
import type { LinliLoadContext } from "~/lib/request.server";

const ABORT_DELAY = 5_000;

/**
 * The rendered HTML without NUL bytes, in as few chunks as it comes: React writes its 2 KB buffers one
 * by one, all in the same tick; they are joined and passed on once per tick, so the response stream,
 * the compressor and the socket see one write instead of dozens.
 *
 * NUL bytes: the rendered HTML never carries one. React 18.3's streaming renderer writes its whole 2 KB buffer when a
 * multi-byte character (most Chinese text) does not fit at its end, unfilled zero bytes included
 * (react-dom-server.node: `writeToDestination(destination, currentView)` in writeStringChunk), which a
 * browser shows as "�" inside attributes. HTML never carries a real NUL, so dropping them is exact.
 */
function htmlBody(): Transform {
  let pending: Buffer[] = [];
  let scheduled = false;
  const clean = (chunk: Buffer) => (chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk);
  const release = (stream: Transform) => {
    scheduled = false;
    if (pending.length === 0) return;
    const joined = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
    pending = [];
    stream.push(joined);
  };
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      pending.push(clean(chunk));
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => release(this));
      }
      callback();
    },
    flush(callback) {
      release(this);
      callback();
    },
  });
}
export const streamTimeout = ABORT_DELAY;

/**
 * Until when this page may be kept for the session that asked for it (app/lib/page-cache.server.ts),
 * or null: a GET answered 200 without a cookie, for a session a loader validated, and every route of
 * the match (the root aside: its loader only reads) opted in with `handle = { sessionPageCache: true }`.
 */
function sessionPageCacheUntil(request: Request, status: number, headers: Headers, context: EntryContext): number | null {
  if (request.method !== "GET" || status !== 200 || headers.has("Set-Cookie")) return null;
  // A route that says no-store to everyone (a degraded answer: the wall while search is down) is not kept either.
  const own = headers.get("Cache-Control") ?? "";
  if (/no-store/i.test(own) && !/private/i.test(own)) return null;
  const matches = context.staticHandlerContext.matches;
  const optedIn =
    matches.length > 1 &&
    matches.every((match) => match.route.id === "root" || optedIntoSessionPageCache(context.routeModules[match.route.id]?.handle));
  return optedIn ? validatedSessionExpiry(request) : null;
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The Content-Security-Policy nonce of this response (scripts/server.ts): Remix's scripts and React's own carry it.
  const nonce = (loadContext as LinliLoadContext).cspNonce;
  // One shared translator per language (building an i18next instance per request cost more than rendering /about).
  const i18n = createI18n(detectLocale(request));
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  const keepUntil = sessionPageCacheUntil(request, responseStatusCode, responseHeaders, remixContext);
  if (keepUntil !== null) {
    // Internal (taken off by scripts/server.ts); the browser keeps nothing of a signed-in page.
    responseHeaders.set(SESSION_PAGE_CACHE_HEADER, String(keepUntil));
    responseHeaders.set("Cache-Control", "private, no-store");
  }
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce ?? ""}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = htmlBody();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
