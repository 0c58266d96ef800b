import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** One error view for every route: 404, 403, 503 (database away) and the rest. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  let title = t("errors.serverTitle");
  let body = t("errors.serverBody");
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("errors.notFoundTitle");
      body = t("errors.notFoundBody");
    } else if (error.status === 403) {
      title = t("errors.forbiddenTitle");
      body = t("errors.forbiddenBody");
    } else if (error.status === 503) {
      title = t("errors.unavailableTitle");
      body = t("errors.unavailableBody");
    }
  } else if (typeof window === "undefined") {
    console.error(error);
  }
  return (
    <section className="error-page" role="alert">
      <h1>{title}</h1>
      <p>{body}</p>
      <p>
        <Link to="/">{t("errors.goHome")}</Link>
      </p>
    </section>
  );
}
