// How large a request body may be, decided from the path and the content type before a byte is read
// (scripts/server.ts applies it: a declared Content-Length over the limit is refused at once, and a
// body without one is counted while it streams in and cut off at the limit). Oversized bodies are
// answered 413 with the API's error shape: {"error": {"code": "payload_too_large", "message"}}.
import { MAX_FORM_BYTES } from "~/modules/attachments/limits";

/** JSON bodies of the API: the largest valid one (a project with 20 items) is a few kilobytes. */
export const API_BODY_LIMIT = 64 * 1024;
/** Page forms without files. */
export const FORM_BODY_LIMIT = 256 * 1024;
/** Forms that carry photos: what the upload code accepts, plus the multipart framing around the parts. */
export const UPLOAD_BODY_LIMIT = MAX_FORM_BYTES + 64 * 1024;

// The pages whose forms carry photos (they read them with readImageUploads): a new wish, a wish's
// fulfilment photos, a rejected wish edited before it goes back to review, an organisation's logo. With
// JavaScript, Remix posts to the same path plus ".data".
const UPLOAD_PAGES = [/^\/wishes\/new$/, /^\/wishes\/[^/]+$/, /^\/my\/wishes\/[^/]+\/edit$/, /^\/org$/, /^\/problems\/new$/];
// The one API route that takes photos (a fulfilment report with its completion photo), as multipart.
const UPLOAD_API = /^\/api\/needs\/[^/]+\/transitions(\.data)?$/;

export function bodyLimitFor(path: string, contentType: string | undefined): number {
  const multipart = /^multipart\/form-data\b/i.test(contentType ?? "");
  if (multipart && UPLOAD_API.test(path)) return UPLOAD_BODY_LIMIT;
  if (path === "/api" || path.startsWith("/api/")) return API_BODY_LIMIT;
  const page = path.replace(/\.data$/, "").replace(/(.)\/$/, "$1");
  if (multipart && UPLOAD_PAGES.some((pattern) => pattern.test(page))) return UPLOAD_BODY_LIMIT;
  return FORM_BODY_LIMIT;
}

/** The body stream fails with this once it passes its limit. */
export class PayloadTooLargeError extends Error {
  readonly code = "payload_too_large";
  constructor(readonly limit: number) {
    super(`the request body is larger than ${limit} bytes`);
    this.name = "PayloadTooLargeError";
  }
}

export function payloadTooLargeBody(limit: number) {
  return { error: { code: "payload_too_large", message: `the request body is larger than ${limit} bytes` } };
}
