// The Content-Security-Policy nonce of the response being rendered (scripts/server.ts makes one per
// request, entry.server.tsx provides it). Inline <script> and <style> elements must carry it or the
// browser refuses them. In the browser entry.client.tsx reads it back from the page, for inline styles
// created after a client-side navigation.
import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
