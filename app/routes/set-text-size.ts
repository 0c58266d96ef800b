import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { isSafeRedirectPath } from "~/lib/redirects";
import { readForm } from "~/lib/forms.server";
import { textSizeCookie, textSizes } from "~/lib/text-size.server";

export const access: RouteAccess = { loader: "public", action: "public" };

const TextSizeChoice = z.object({
  size: z.enum(textSizes),
  // Only paths on this site: never an open redirect.
  returnTo: z.string().refine(isSafeRedirectPath).catch("/"),
});

// A plain form post and a redirect back: the switch works without JavaScript.
export async function action({ request }: ActionFunctionArgs) {
  const parsed = TextSizeChoice.safeParse(await readForm(request));
  if (!parsed.success) return new Response("unsupported text size", { status: 400 });
  return redirect(parsed.data.returnTo, { headers: { "Set-Cookie": textSizeCookie(parsed.data.size) } });
}

export async function loader() {
  return redirect("/");
}
