import type { RouteAccess } from "~/lib/access";
import fs from "node:fs";
import { createReadableStreamFromReadable, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { AppError } from "~/lib/errors";
import { getViewer } from "~/modules/accounts/auth.server";
import { openAttachmentFor } from "~/modules/attachments/attachments.server";

export const access: RouteAccess = { loader: "public" };

const notFoundResponse = () =>
  new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

// An uploaded image, streamed from the data folder once the attachments module says this viewer may see it.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) return notFoundResponse();
  let file;
  try {
    file = await openAttachmentFor(await getViewer(request), id.data);
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
