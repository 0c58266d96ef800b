import { useLocation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

/**
 * The one outcome of the last action: after a successful post the action redirects to `?done=<what>`
 * (works without JavaScript) and this says what happened, from the locales' `done` section. It stays
 * silent when the form came back with errors, so success and failure never show together.
 */
export function DoneNotice({ failed = false }: { failed?: boolean }) {
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation();
  const done = params.get("done");
  if (!done || failed) return null;
  const counts = { approved: Number(params.get("approved") ?? 0), refused: Number(params.get("refused") ?? 0) };
  const key = i18n.exists(`done.${done}`) ? `done.${done}` : "done.generic";
  return (
    <p className="notice" role="status">
      {t(key, counts)}
    </p>
  );
}

/**
 * A form that starts empty again after a successful post (no double post by pressing again). Without
 * JavaScript the redirect after the post already gives a fresh page; with it, the page stays mounted,
 * so the form is reset when a new location with `?done=` arrives and the action did not fail.
 */
export function useFormResetOnDone(failed: boolean) {
  const form = useRef<HTMLFormElement>(null);
  const location = useLocation();
  const [params] = useSearchParams();
  const done = params.get("done");
  useEffect(() => {
    if (done && !failed) form.current?.reset();
  }, [location.key, done, failed]);
  return form;
}
