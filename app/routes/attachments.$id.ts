import type { RouteAccess } from "~/lib/access";
import fs from "node:fs";
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { AppError } from "~/lib/errors";
import { parseId } from "~/lib/validation";
import { getViewer } from "~/modules/accounts/auth.server";
import { openAttachmentFor } from "~/modules/attachments/attachments.server";

export const access: RouteAccess = { loader: "public" };

const notFoundResponse = () =>
  new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

// An uploaded image, streamed from the data folder once the attachments module says this viewer may see it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  let file;
  try {
    const id = parseId(params.id, "attachment");
    file = await openAttachmentFor(await getViewer(request), id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return notFoundResponse();
    throw error;
  }
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file.path)), {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(file.bytes),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": file.isPublic ? "public, max-age=86400" : "private, no-store",
    },
  });
}
