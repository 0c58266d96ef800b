// The real Meilisearch: Chinese text is found, and each test file works in its own index prefix.
import { afterAll, describe, expect, it } from "vitest";
import { env } from "~/lib/env.server";
import { indexName, searchClient } from "~/lib/search.server";

describe("Meilisearch", () => {
  const uid = indexName("offers");

  afterAll(async () => {
    await searchClient().deleteIndex(uid).waitTask();
  });

  it("names indexes with this file's prefix", () => {
    expect(uid).toBe(`${env().LINLI_INDEX_PREFIX}offers`);
    expect(env().LINLI_INDEX_PREFIX).toMatch(/^t_[0-9a-f]+_$/);
  });

  it("indexes and finds Chinese offers", async () => {
    const client = searchClient();
    const created = await client.createIndex(uid, { primaryKey: "id" }).waitTask();
    expect(created.status).toBe("succeeded");
    const index = client.index(uid);
    const settings = await index
      .updateSettings({ localizedAttributes: [{ attributePatterns: ["*"], locales: ["cmn"] }], filterableAttributes: ["category"] })
      .waitTask();
    expect(settings.status).toBe("succeeded");
    const added = await index
      .addDocuments([
        { id: "o1", title: "四点半课堂", description: "放学后为双职工家庭的孩子提供课后看护和作业辅导", category: "child_care" },
        { id: "o2", title: "上门家电维修", description: "免费检修电视、冰箱、洗衣机", category: "repair" },
      ])
      .waitTask();
    expect(added.status).toBe("succeeded");
    const hits = await index.search("课后看护", { locales: ["cmn"] });
    expect(hits.hits.map((h) => h.id)).toEqual(["o1"]);
    const filtered = await index.search("", { filter: "category = repair" });
    expect(filtered.hits.map((h) => h.id)).toEqual(["o2"]);
  });

  it("other prefixes do not see this file's index", async () => {
    const { results } = await searchClient().getIndexes({ limit: 1000 });
    const ours = results.filter((i) => i.uid.startsWith(env().LINLI_INDEX_PREFIX));
    expect(ours.map((i) => i.uid)).toEqual([uid]);
  });
});
