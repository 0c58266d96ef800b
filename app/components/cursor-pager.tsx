// The "first page / next page" links under a cursor-paged list (the lists of /my/*).
import { Link, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function CursorPager({ nextCursor }: { nextCursor: string | null }) {
  const [params] = useSearchParams();
  const { t } = useTranslation();
  return (
    <nav className="pager">
      {params.get("cursor") ? <Link to="?">{t("my.first")}</Link> : null}
      {nextCursor ? <Link to={`?cursor=${encodeURIComponent(nextCursor)}`}>{t("my.next")}</Link> : null}
    </nav>
  );
}
