import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs } from "@remix-run/node";
import { apiHandler, jsonResponse, parseJsonBody } from "~/lib/api.server";
import { parseId, parseOrThrow } from "~/lib/validation";
import { requireUser } from "~/modules/accounts/auth.server";
import { TransitionInput } from "~/modules/needs/needs.schema";
import { transitionNeed } from "~/modules/needs/transitions.server";
import { readImageUploads } from "~/modules/attachments/attachments.server";

export const access: RouteAccess = { action: "user" };

export async function action({ request, params }: ActionFunctionArgs) {
  return apiHandler(async () => {
    const viewer = await requireUser(request);
    const id = parseId(params.id, "need");
    // JSON, or multipart when a fulfilment report carries its photos ("photos" parts beside the fields).
    const multipart = /^multipart\/form-data\b/i.test(request.headers.get("Content-Type") ?? "");
    const upload = multipart ? await readImageUploads(request) : null;
    const input = upload ? parseOrThrow(TransitionInput, upload.fields) : await parseJsonBody(TransitionInput, request);
    const key = request.headers.get("Idempotency-Key");
    return jsonResponse(
      await transitionNeed(viewer, id, { ...input, idempotencyKey: input.idempotencyKey ?? key ?? undefined }, upload?.files ?? []),
    );
  });
}
