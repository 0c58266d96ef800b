import type { RouteAccess } from "~/lib/access";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { isSafeRedirectPath } from "~/lib/redirects";
import { supportedLocales } from "~/lib/i18n";
import { localeCookie } from "~/lib/locale.server";
import { readForm } from "~/lib/forms.server";

export const access: RouteAccess = { loader: "public", action: "public" };

const LanguageChoice = z.object({
  locale: z.enum(supportedLocales),
  // Only paths on this site: never an open redirect.
  returnTo: z.string().refine(isSafeRedirectPath).catch("/"),
});

export async function action({ request }: ActionFunctionArgs) {
  const parsed = LanguageChoice.safeParse(await readForm(request));
  if (!parsed.success) return new Response("unsupported language", { status: 400 });
  return redirect(parsed.data.returnTo, { headers: { "Set-Cookie": localeCookie(parsed.data.locale) } });
}

export async function loader() {
  return redirect("/");
}
