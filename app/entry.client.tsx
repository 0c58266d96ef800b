import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode, useEffect, type ReactNode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { holdEventsUntilDataDecoded } from "~/lib/hydration-guard";
import { createPageI18n, defaultLocale, isLocale, loadTranslation } from "~/lib/i18n";
import { NonceProvider } from "~/lib/nonce";

const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : defaultLocale;
// Only the page's language is downloaded (its own chunk); the switch reloads the page in the other.
const i18n = createPageI18n(locale, (await loadTranslation[locale]()).default);
// The page's nonce, for inline styles React creates after a client-side navigation (the certificate's):
// browsers hide the attribute's value but keep it on the element's `nonce` property.
const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce ?? "";

// Taps and key presses wait until the page's data is decoded (hydration-guard.ts says why; root.tsx lets them through).
holdEventsUntilDataDecoded();

/** Marks the page hydrated (html[data-hydrated]) once it is: a parent's effects run after its children's. */
function OnHydrated({ children }: { children: ReactNode }) {
  useEffect(() => {
    document.documentElement.dataset.hydrated = "";
  }, []);
  return children;
}

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <OnHydrated>
            <RemixBrowser />
          </OnHydrated>
        </I18nextProvider>
      </NonceProvider>
    </StrictMode>,
  );
});
