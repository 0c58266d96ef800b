/** What the HTTP server passes to every loader and action (scripts/server.ts). */
export interface LinliLoadContext {
  clientAddress?: string;
  /** This response's Content-Security-Policy nonce: every inline script and style must carry it. */
  cspNonce?: string;
}

export function clientAddress(context: unknown): string {
  return (context as LinliLoadContext | undefined)?.clientAddress ?? "unknown";
}
