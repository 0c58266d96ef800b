// Memos that live as long as one HTTP request. Remix hands each loader of a page its own copy of the
// Request (it strips ?index and ?_routes), so a WeakMap keyed on the Request cannot share the root
// loader's work (the signed-in viewer) with the route's loader. The HTTP server (scripts/server.ts)
// stamps each request with a fresh random id in REQUEST_ID_HEADER (any value the client sent is
// overwritten) and opens a scope under it until the response ends; the copies carry the header.
// Requests that did not come through the server (tests calling a loader) fall back to their own object.

export const REQUEST_ID_HEADER = "x-linli-request-id";

// On globalThis: the server (scripts/server.ts) opens scopes through its own copy of this module, and
// the Remix build bundles another; with a map each, the build never found a scope and every loader
// memoised on its own copy of the Request (the session was validated once per loader, not per request).
const holder = globalThis as unknown as { __linliRequestScopes?: Map<string, Map<unknown, unknown>> };
const scopes = (holder.__linliRequestScopes ??= new Map<string, Map<unknown, unknown>>());
const fallback = new WeakMap<Request, Map<unknown, unknown>>();

/** Opens the scope of one request; the returned function closes it (when the response has ended). */
export function openRequestScope(id: string): () => void {
  scopes.set(id, new Map());
  return () => void scopes.delete(id);
}

function scopeOf(request: Request): Map<unknown, unknown> {
  const id = request.headers.get(REQUEST_ID_HEADER);
  const open = id ? scopes.get(id) : undefined;
  if (open) return open;
  let own = fallback.get(request);
  if (!own) fallback.set(request, (own = new Map()));
  return own;
}

/** `compute()` once per request and `key`, whichever loader of the page asks first. */
export function oncePerRequest<T>(request: Request, key: object, compute: () => T): T {
  const scope = scopeOf(request);
  if (scope.has(key)) return scope.get(key) as T;
  const value = compute();
  scope.set(key, value);
  return value;
}
