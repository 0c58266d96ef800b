// Keyset pagination: the cursor names the last row seen (its sort time and id).
export interface Cursor {
  at: string;
  id: string;
}

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as [string, string];
    if (typeof at !== "string" || typeof id !== "string" || Number.isNaN(Date.parse(at))) return null;
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    return { at, id };
  } catch {
    return null;
  }
}

/**
 * Lists shown in two parts (what is ahead, soonest first; then the rest, newest first): the cursor
 * also names the part the last row seen was in.
 */
export interface SegmentCursor extends Cursor {
  segment: 0 | 1;
}

export function encodeSegmentCursor(segment: 0 | 1, at: Date, id: string): string {
  return `${segment}.${encodeCursor(at, id)}`;
}

export function decodeSegmentCursor(cursor: string | undefined): SegmentCursor | null {
  const match = /^([01])\.(.+)$/.exec(cursor ?? "");
  const inner = match ? decodeCursor(match[2]) : null;
  return match && inner ? { segment: Number(match[1]) as 0 | 1, ...inner } : null;
}
