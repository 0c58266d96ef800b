import { describe, expect, it } from "vitest";
import { searchHealthy } from "~/lib/search.server";
import { mswServer } from "../mocks/server";
import { meiliConnectionRefused, meiliHanging, meiliHealthy, meiliUnavailable } from "../mocks/meilisearch";

describe("search health as /healthz reports it", () => {
  it("is up when Meilisearch says it is available", async () => {
    mswServer.use(...meiliHealthy);
    expect(await searchHealthy()).toBe(true);
  });

  it("is down when Meilisearch answers 503", async () => {
    mswServer.use(...meiliUnavailable);
    expect(await searchHealthy()).toBe(false);
  });

  it("is down when the connection is refused", async () => {
    mswServer.use(...meiliConnectionRefused);
    expect(await searchHealthy()).toBe(false);
  });

  it("is down, not hanging, when Meilisearch does not answer", async () => {
    mswServer.use(...meiliHanging);
    const started = Date.now();
    expect(await searchHealthy()).toBe(false);
    expect(Date.now() - started).toBeLessThan(9_000);
  });
});
