import { Form, NavLink, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Locale } from "~/lib/i18n";
import { saveFormDrafts } from "~/lib/form-drafts";

/** The switches reload the page: what was typed into its forms comes back after (form-drafts.ts). */
function keepWhatWasTyped() {
  saveFormDrafts(window.location.pathname + window.location.search);
}

export function SiteHeader({
  locale,
  largeText,
  returnTo,
  viewer,
}: {
  locale: Locale;
  largeText: boolean;
  returnTo: string;
  viewer: {
    displayName: string;
    canManage: boolean;
    reviews: boolean;
    posts: boolean;
    reportsProblems?: boolean;
    unread: number;
    pendingReview: number;
    organisation: boolean;
    volunteer: boolean;
    resident?: boolean;
    communityId: string | null;
    streetId: string | null;
  } | null;
}) {
  const { t } = useTranslation();
  const other: Locale = locale === "zh-CN" ? "en" : "zh-CN";
  // On a phone the navigation folds behind a menu button: a <details> whose open state the stylesheet reads to show
  // the <nav> after it, so it works without JavaScript. On a wide screen the button is hidden and the nav shown.
  // The header stays across client-side navigations: close the menu on each one.
  const menu = useRef<HTMLDetailsElement>(null);
  const { key } = useLocation();
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [key]);
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <div className="site-header__inner">
        <a className="brand" href="/">
          <span className="brand__name">{t("app.name")}</span>
          <span className="brand__tagline">{t("app.tagline")}</span>
        </a>
        <details className="site-menu" ref={menu}>
          <summary aria-controls="site-nav">
            <span className="site-menu__icon" aria-hidden="true" />
            {t("siteMenu.button")}
            {viewer && viewer.unread > 0 ? (
              <span className="count-badge" aria-label={t("nav.unread", { count: viewer.unread })}>
                {viewer.unread}
              </span>
            ) : null}
          </summary>
        </details>
        <nav aria-label={t("nav.main")} className="site-nav" id="site-nav">
          <NavLink to="/" end>
            {t("nav.home")}
          </NavLink>
          <NavLink to="/wishes">{t("nav.wishes")}</NavLink>
          <NavLink to="/showcase">{t("nav.showcase")}</NavLink>
          <NavLink to="/organisations">{t("nav.organisations")}</NavLink>
          <NavLink to="/activities">{t("nav.activities")}</NavLink>
          {viewer?.resident ? <NavLink to="/my/wishes">{t("nav.myWishes")}</NavLink> : null}
          {viewer?.volunteer ? <NavLink to="/my/signups">{t("nav.mySignups")}</NavLink> : null}
          {viewer?.volunteer ? <NavLink to="/my/hours">{t("nav.myHours")}</NavLink> : null}
          {viewer?.posts ? <NavLink to="/wishes/new">{t("nav.post")}</NavLink> : null}
          {viewer?.reportsProblems ? <NavLink to="/problems/new">{t("problems.link")}</NavLink> : null}
          {viewer?.organisation ? <NavLink to="/org">{t("nav.org")}</NavLink> : null}
          {viewer?.organisation ? <NavLink to="/my/claims">{t("nav.myClaims")}</NavLink> : null}
          {viewer?.communityId ? <NavLink to={`/communities/${viewer.communityId}`}>{t("nav.community")}</NavLink> : null}
          {viewer?.streetId ? <NavLink to={`/streets/${viewer.streetId}`}>{t("nav.street")}</NavLink> : null}
          {viewer?.reviews ? (
            <NavLink to="/review">
              {t("nav.review")}
              {viewer.pendingReview > 0 ? (
                <span className="count-badge" aria-label={t("reviewQueue.waiting", { count: viewer.pendingReview })}>
                  {viewer.pendingReview}
                </span>
              ) : null}
            </NavLink>
          ) : null}
          {viewer?.canManage ? <NavLink to="/admin/users">{t("admin.usersTitle")}</NavLink> : null}
          {viewer ? (
            <>
              <NavLink to="/notifications">
                {t("nav.notifications")}
                {viewer.unread > 0 ? (
                  <span className="count-badge" aria-label={t("nav.unread", { count: viewer.unread })}>
                    {viewer.unread}
                  </span>
                ) : null}
              </NavLink>
              <NavLink to="/account">{t("nav.account")}</NavLink>
            </>
          ) : (
            <>
              <NavLink to="/login">{t("nav.login")}</NavLink>
              <NavLink to="/signup">{t("nav.signup")}</NavLink>
            </>
          )}
        </nav>
        <div className="header-switches">
          <Form method="post" action="/set-text-size" className="header-switch" reloadDocument onSubmit={keepWhatWasTyped}>
            <input type="hidden" name="size" value={largeText ? "standard" : "large"} />
            <input type="hidden" name="returnTo" value={returnTo} />
            <button type="submit">{largeText ? t("nav.standardText") : t("nav.largeText")}</button>
          </Form>
          <Form method="post" action="/set-language" className="header-switch language-switch" reloadDocument onSubmit={keepWhatWasTyped}>
            <input type="hidden" name="locale" value={other} />
            <input type="hidden" name="returnTo" value={returnTo} />
            {/* The visible name is the other language's own word; the hidden prefix says what the button is for. */}
            <button type="submit">
              <span className="visually-hidden">{t("nav.language")}: </span>
              <span lang={other}>{t("nav.switchTo")}</span>
            </button>
          </Form>
        </div>
      </div>
    </header>
  );
}

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <p>{t("footer.about")}</p>
      <p>{t("footer.privacy")}</p>
    </footer>
  );
}
