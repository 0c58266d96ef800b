// The wish wall's search box on Meilisearch, in the matcher's vocabulary: the searcher's own words
// (Chinese segmentation, synonyms, typo tolerance, the matched words marked), and the concepts they
// name (理发, 剪头发 → the haircut concept), matched against the concepts each public wish evokes.
// When that finds nothing, plain keywords over the public text; while search is down, the same.
import type { MultiSearchQuery } from "meilisearch";
import { AppError } from "~/lib/errors";
import { indexName, searchClient } from "~/lib/search.server";
import { getPublicNeedsByIds, listPublicNeeds, type PublicNeed } from "~/modules/needs/needs.server";
import type { NeedListQuery } from "~/modules/needs/needs.schema";
import { searchableKeyword } from "~/modules/needs/privacy";
import { publicNeedStatuses } from "~/modules/needs/lifecycle";
import { conceptKey, searchIntent } from "~/modules/matching/query-builder.server";
import { concepts as vocabulary } from "~/modules/matching/vocabulary";

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

/** Marks the given words in a text (the cue words of a concept the search named). */
export function markWords(text: string, words: string[]): Highlighted {
  const found = words.filter((w) => w && text.includes(w)).sort((a, b) => b.length - a.length);
  if (!found.length) return text ? [{ text, hit: false }] : [];
  const pattern = new RegExp(found.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  return splitHighlight(text.replace(pattern, (m) => `${OPEN}${m}${CLOSE}`));
}

export interface WishSearchResult {
  items: (PublicNeed & { highlight?: { title: Highlighted; description: Highlighted } })[];
  nextCursor: string | null;
  /**
   * "search": Meilisearch found these by words or concepts; "keywords": it found nothing, and these
   * contain the words as typed; "fallback": it is down and this is the plain keyword list.
   */
  mode: "search" | "keywords" | "fallback";
}

/** How far down a search's merged list one can page (each of its queries is read this deep). */
export const SEARCH_DEPTH = 200;
/** The searcher's exact words count more than a concept they name. */
const WORD_WEIGHT = { whole: 2, part: 1 } as const;

const quote = (v: string) => JSON.stringify(v);

type Hit = { id: string; publishedAt?: number | null; _formatted?: { title?: string; description?: string }; _rankingScore?: number };

export async function searchWishes(query: NeedListQuery & { q: string }): Promise<WishSearchResult> {
  // Only the words of the keyword that are not contact details; the index holds redacted text only.
  const q = searchableKeyword(query.q);
  if (!q) return { items: [], nextCursor: null, mode: "search" };
  const offset = query.cursor && /^o:\d{1,6}$/.test(query.cursor) ? Number(query.cursor.slice(2)) : 0;
  // The keyword list pages by its own cursors; a search offset means nothing to it.
  const listQuery = { ...query, cursor: query.cursor?.startsWith("o:") ? undefined : query.cursor };
  const filter = [
    query.status ? `status = ${quote(query.status)}` : `status IN [${publicNeedStatuses.map(quote).join(", ")}]`,
    query.community ? `communityId = ${quote(query.community)}` : null,
    query.street ? `streetId = ${quote(query.street)}` : null,
    query.kind ? `kind = ${quote(query.kind)}` : null,
    query.category ? `category = ${quote(query.category)}` : null,
  ]
    .filter(Boolean)
    .join(" AND ");
  const intent = searchIntent(q);
  const indexUid = indexName("needs");
  const shown = {
    attributesToRetrieve: ["id", "publishedAt"],
    attributesToCrop: ["description"],
    cropLength: 40,
    highlightPreTag: OPEN,
    highlightPostTag: CLOSE,
    locales: ["cmn" as const],
    limit: SEARCH_DEPTH,
  };
  const wordQueries: MultiSearchQuery[] = intent.words.map((word) => ({
    ...shown,
    indexUid,
    q: word,
    filter,
    attributesToHighlight: ["title", "description"],
    matchingStrategy: "all" as const,
    showRankingScore: true,
  }));
  const conceptQueries: MultiSearchQuery[] = intent.concepts.map(({ key }) => ({
    ...shown,
    indexUid,
    q: "",
    filter: `${filter} AND concepts = ${quote(key)}`,
    sort: ["publishedAt:desc"],
  }));
  let results;
  try {
    results = (await searchClient().multiSearch({ queries: [...wordQueries, ...conceptQueries] })).results;
  } catch (error) {
    if (error instanceof AppError) throw error;
    const fallback = await listPublicNeeds(listQuery);
    return { ...fallback, mode: "fallback" };
  }

  const cuesOf = new Map(
    intent.concepts.map(({ key }) => [
      key,
      vocabulary.filter((c) => conceptKey(c) === key).flatMap((c) => c.cues.filter((cue): cue is string => typeof cue === "string")),
    ]),
  );
  // Each document's score is the sum over the queries that found it; the marks come from the
  // strongest word query that found it, else from the cue words of the concepts that did.
  const merged = new Map<string, { score: number; publishedAt: number; formatted?: Hit["_formatted"]; best: number; cues: Set<string> }>();
  results.forEach((result, i) => {
    const isWord = i < wordQueries.length;
    const weight = isWord ? (i === 0 ? WORD_WEIGHT.whole : WORD_WEIGHT.part) : intent.concepts[i - wordQueries.length]!.weight;
    const concept = isWord ? null : intent.concepts[i - wordQueries.length]!.key;
    for (const hit of result.hits as unknown as Hit[]) {
      const id = String(hit.id);
      const entry = merged.get(id) ?? { score: 0, publishedAt: hit.publishedAt ?? 0, best: 0, cues: new Set<string>() };
      const gained = weight * (isWord ? (hit._rankingScore ?? 0) : 1);
      entry.score += gained;
      if (isWord && gained > entry.best) {
        entry.best = gained;
        entry.formatted = hit._formatted;
      } else if (!entry.formatted) entry.formatted = hit._formatted;
      for (const cue of concept ? cuesOf.get(concept)! : []) entry.cues.add(cue);
      merged.set(id, entry);
    }
  });
  if (merged.size === 0) {
    const keywords = await listPublicNeeds(listQuery);
    return { ...keywords, mode: "keywords" };
  }
  const ranked = [...merged.entries()].sort(
    ([a, x], [b, y]) => Math.round(y.score * 100) - Math.round(x.score * 100) || y.publishedAt - x.publishedAt || a.localeCompare(b),
  );
  const page = ranked.slice(offset, offset + query.limit);
  const rows = new Map((await getPublicNeedsByIds(page.map(([id]) => id))).map((n) => [n.id, n]));
  const items: WishSearchResult["items"] = [];
  for (const [id, entry] of page) {
    const need = rows.get(id);
    if (!need) continue; // changed since it was indexed; the outbox will catch up
    const byWords = entry.best > 0;
    const title = entry.formatted?.title ?? need.title;
    const description = entry.formatted?.description ?? "";
    items.push({
      ...need,
      highlight: byWords
        ? { title: splitHighlight(title), description: splitHighlight(description) }
        : {
            title: markWords(need.title, [...entry.cues]),
            description: markWords(
              splitHighlight(description)
                .map((p) => p.text)
                .join(""),
              [...entry.cues],
            ),
          },
    });
  }
  return { items, nextCursor: ranked.length > offset + query.limit ? `o:${offset + query.limit}` : null, mode: "search" };
}
