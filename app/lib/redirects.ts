/** Only paths on this site: never an open redirect. */
export function safeRedirectPath(value: string | null | undefined, fallback: string): string {
  return value && /^\/(?![/\\])/.test(value) ? value : fallback;
}
