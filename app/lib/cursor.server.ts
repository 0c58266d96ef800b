// Keyset pagination: the cursor names the last row seen (its sort time and id).
// A cursor comes back from the client, so it is read as hostile: exactly what encodeCursor writes
// (an ISO time PostgreSQL can hold and a UUID), or nothing at all (the list answers 400).
export interface Cursor {
  at: string;
  id: string;
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor || cursor.length > 200) return null;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(decoded) || decoded.length !== 2) return null;
    const [at, id] = decoded as unknown[];
    if (typeof at !== "string" || typeof id !== "string" || !ISO_TIME.test(at) || !UUID.test(id)) return null;
    const time = new Date(at);
    // Year 1 to 9999 and a real calendar date (2026-02-31 is refused, not rolled over).
    if (Number.isNaN(time.getTime()) || time.getUTCFullYear() < 1 || time.getUTCFullYear() > 9999) return null;
    if (time.toISOString().slice(0, 10) !== at.slice(0, 10)) return null;
    return { at, id: id.toLowerCase() };
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
