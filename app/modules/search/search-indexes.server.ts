// The three search indexes and their settings, kept in code and applied at start-up when they differ.
import type { Meilisearch, Settings } from "meilisearch";
import { indexName, requireSucceeded, searchClient, searchErrorCode, type IndexBase } from "~/lib/search.server";
import { concepts, synonymGroups } from "~/modules/matching/vocabulary";
import { vocabularyWords } from "~/modules/matching/query-builder.server";

export const INDEX_BASES: IndexBase[] = ["offers", "needs", "activities"];

/** Everyday words both ways; a concept's first term also reaches its other terms (one way). */
export function synonymSettings(): Record<string, string[]> {
  const synonyms = new Map<string, Set<string>>();
  const link = (from: string, to: string) => {
    if (from === to) return;
    if (!synonyms.has(from)) synonyms.set(from, new Set());
    synonyms.get(from)!.add(to);
  };
  for (const group of synonymGroups) for (const a of group) for (const b of group) link(a, b);
  for (const concept of concepts) for (const term of concept.terms.slice(1)) link(concept.terms[0]!, term);
  return Object.fromEntries([...synonyms.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));
}

const shared: Settings = {
  localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn"] }],
  rankingRules: ["words", "typo", "proximity", "attribute", "sort", "exactness"],
};

export function indexSettings(base: IndexBase): Settings {
  const vocabulary = { synonyms: synonymSettings(), dictionary: vocabularyWords() };
  switch (base) {
    case "offers":
      return {
        ...shared,
        ...vocabulary,
        // No custom dictionary here: with one, Meilisearch spends about 2 ms on every query (measured
        // at any dictionary size), and a match sends up to 11 queries. Its own segmentation splits
        // both sides alike; the matcher's vocabulary does the domain work before the query is sent.
        dictionary: [],
        searchableAttributes: ["title", "tags", "categoryLabel", "description", "organisationName", "concepts"],
        filterableAttributes: ["active", "category", "streetId", "communityId", "organisationId", "vocabulary", "_geo"],
        sortableAttributes: ["_geo", "capacityPerMonth", "updatedAt"],
      };
    case "needs":
      return {
        ...shared,
        ...vocabulary,
        searchableAttributes: ["title", "items", "categoryLabel", "description", "communityName"],
        filterableAttributes: ["status", "kind", "category", "streetId", "communityId", "concepts", "vocabulary", "_geo"],
        sortableAttributes: ["publishedAt", "_geo"],
      };
    case "activities":
      return {
        ...shared,
        ...vocabulary,
        searchableAttributes: ["title", "skills", "categoryLabel", "description", "location"],
        filterableAttributes: ["status", "category", "streetId", "communityId", "organisationId", "startsAt", "_geo"],
        sortableAttributes: ["startsAt", "_geo"],
      };
  }
}

const unordered = new Set(["filterableAttributes", "sortableAttributes", "dictionary"]);

function normalise(key: string, value: unknown): string {
  if (Array.isArray(value) && unordered.has(key)) return JSON.stringify([...value].map(String).sort());
  if (key === "synonyms" && value && typeof value === "object")
    return JSON.stringify(
      Object.entries(value as Record<string, string[]>)
        .map(([k, v]) => [k, [...v].sort()])
        .sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
  return JSON.stringify(value ?? null);
}

/** The settings keys whose current value differs from the wanted one. */
export function settingsDiff(current: Settings, wanted: Settings): (keyof Settings)[] {
  return (Object.keys(wanted) as (keyof Settings)[]).filter((key) => normalise(key, current[key]) !== normalise(key, wanted[key]));
}

/** Creates the index with its primary key when missing, then applies the settings that differ. */
export async function ensureIndex(uid: string, base: IndexBase, client: Meilisearch = searchClient()): Promise<{ changed: string[] }> {
  const exists = await client
    .getIndex(uid)
    .then(() => true)
    .catch((error: unknown) => {
      if (searchErrorCode(error) === "index_not_found") return false;
      throw error;
    });
  if (!exists) requireSucceeded(await client.createIndex(uid, { primaryKey: "id" }).waitTask({ timeout: 30_000 }), `creating ${uid}`);
  const wanted = indexSettings(base);
  const changed = settingsDiff(await client.index(uid).getSettings(), wanted);
  if (changed.length) {
    const patch = Object.fromEntries(changed.map((key) => [key, wanted[key]])) as Settings;
    requireSucceeded(await client.index(uid).updateSettings(patch).waitTask({ timeout: 120_000 }), `settings of ${uid}`);
  }
  return { changed };
}

/** Idempotent: run at every start-up; changes nothing when the indexes are as the code says. */
export async function ensureIndexes(client: Meilisearch = searchClient()): Promise<Record<IndexBase, string[]>> {
  const result = {} as Record<IndexBase, string[]>;
  for (const base of INDEX_BASES) result[base] = (await ensureIndex(indexName(base), base, client)).changed;
  return result;
}
