// The wish wall's search box on Meilisearch: Chinese segmentation, synonyms and typo tolerance,
// with the matched words marked. Falls back to the plain list (PostgreSQL ILIKE) while search is down.
import { AppError } from "~/lib/errors";
import { indexName, searchClient } from "~/lib/search.server";
import { getPublicNeedsByIds, listPublicNeeds, type PublicNeed } from "~/modules/needs/needs.server";
import type { NeedListQuery } from "~/modules/needs/needs.schema";
import { searchableKeyword } from "~/modules/needs/privacy";
import { publicNeedStatuses } from "~/modules/needs/lifecycle";

/** Text split into plain and matched pieces, so pages mark matches without injecting HTML. */
export type Highlighted = { text: string; hit: boolean }[];

const OPEN = "\u0001";
const CLOSE = "\u0002";

export function splitHighlight(formatted: string): Highlighted {
  const pieces: Highlighted = [];
  for (const part of formatted.split(OPEN)) {
    const [hit, rest] = part.includes(CLOSE) ? (part.split(CLOSE, 2) as [string, string]) : [null, part];
    if (hit) pieces.push({ text: hit, hit: true });
    if (rest) pieces.push({ text: rest, hit: false });
  }
  return pieces;
}

export interface WishSearchResult {
  items: (PublicNeed & { highlight?: { title: Highlighted; description: Highlighted } })[];
  nextCursor: string | null;
  /** "search": Meilisearch answered; "fallback": it is down and this is the plain keyword list. */
  mode: "search" | "fallback";
}

const quote = (v: string) => JSON.stringify(v);

export async function searchWishes(query: NeedListQuery & { q: string }): Promise<WishSearchResult> {
  // Only the words of the keyword that are not contact details; the index holds redacted text only.
  const q = searchableKeyword(query.q);
  if (!q) return { items: [], nextCursor: null, mode: "search" };
  const offset = query.cursor && /^o:\d{1,6}$/.test(query.cursor) ? Number(query.cursor.slice(2)) : 0;
  const filter = [
    query.status ? `status = ${quote(query.status)}` : `status IN [${publicNeedStatuses.map(quote).join(", ")}]`,
    query.community ? `communityId = ${quote(query.community)}` : null,
    query.street ? `streetId = ${quote(query.street)}` : null,
    query.kind ? `kind = ${quote(query.kind)}` : null,
    query.category ? `category = ${quote(query.category)}` : null,
  ].filter(Boolean) as string[];
  let response;
  try {
    response = await searchClient()
      .index(indexName("needs"))
      .search(q, {
        filter,
        offset,
        limit: query.limit + 1,
        locales: ["cmn"],
        attributesToRetrieve: ["id"],
        attributesToHighlight: ["title", "description"],
        attributesToCrop: ["description"],
        cropLength: 40,
        highlightPreTag: OPEN,
        highlightPostTag: CLOSE,
      });
  } catch (error) {
    if (error instanceof AppError) throw error;
    const fallback = await listPublicNeeds(query);
    return { ...fallback, mode: "fallback" };
  }
  const hits = response.hits.slice(0, query.limit);
  const rows = new Map((await getPublicNeedsByIds(hits.map((h) => String(h.id)))).map((n) => [n.id, n]));
  const items: WishSearchResult["items"] = [];
  for (const hit of hits) {
    const need = rows.get(String(hit.id));
    if (!need) continue; // changed since it was indexed; the outbox will catch up
    const formatted = hit._formatted as { title?: string; description?: string } | undefined;
    items.push({
      ...need,
      highlight: { title: splitHighlight(formatted?.title ?? need.title), description: splitHighlight(formatted?.description ?? "") },
    });
  }
  return { items, nextCursor: response.hits.length > query.limit ? `o:${offset + query.limit}` : null, mode: "search" };
}
