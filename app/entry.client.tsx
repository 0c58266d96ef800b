import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { createPageI18n, defaultLocale, isLocale, loadTranslation } from "~/lib/i18n";
import { NonceProvider } from "~/lib/nonce";

const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : defaultLocale;
// Only the page's language is downloaded (its own chunk); the switch reloads the page in the other.
const i18n = createPageI18n(locale, (await loadTranslation[locale]()).default);
// The page's nonce, for inline styles React creates after a client-side navigation (the certificate's):
// browsers hide the attribute's value but keep it on the element's `nonce` property.
const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce ?? "";

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixBrowser />
        </I18nextProvider>
      </NonceProvider>
    </StrictMode>,
  );
});
