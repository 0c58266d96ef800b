import { describe, expect, it } from "vitest";
import { z } from "zod";
import { apiHandler, parseQuery } from "~/lib/api.server";
import { domainErrorFromDatabase, isDatabaseUnavailable } from "~/lib/db-errors.server";
import { AppError } from "~/lib/errors";
import { NeedListQuery } from "~/modules/needs/needs.schema";

describe("database errors become domain errors", () => {
  it.each([
    ["23505", "conflict"],
    ["23P01", "conflict"],
    ["LL001", "conflict"],
    ["LL002", "validation_failed"],
    ["LL003", "invalid_transition"],
  ])("SQLSTATE %s → %s", (code, expected) => {
    // drizzle wraps the driver's error: the code sits on the cause.
    const wrapped = Object.assign(new Error("query failed"), { cause: Object.assign(new Error("pg"), { code }) });
    expect(domainErrorFromDatabase(wrapped)?.code).toBe(expected);
  });

  it("leaves other errors alone", () => {
    expect(domainErrorFromDatabase(new Error("boom"))).toBeNull();
  });

  it("recognises a database that is away", () => {
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "57P01" }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "23505" }))).toBe(false);
  });
});

describe("the API error shape", () => {
  it("answers a domain error with its status and code", async () => {
    const res = await apiHandler(async () => {
      throw new AppError("conflict", "already claimed");
    });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: "conflict", message: "already claimed" } });
  });

  it("answers bad query input with 400 and field errors", async () => {
    const res = await apiHandler(async () => {
      parseQuery(NeedListQuery, new Request("http://x/api/needs?limit=500&community=nope&kind=wish"));
      return new Response("unreachable");
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe("validation_failed");
    expect(Object.keys(body.error.fields).sort()).toEqual(["community", "kind", "limit"]);
  });

  it("answers 503 unavailable while the database is away", async () => {
    const res = await apiHandler(async () => {
      throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unavailable");
  });

  it("defaults the page size to 20 and accepts the documented filters", () => {
    const parsed = NeedListQuery.parse({ status: "published", kind: "micro_wish", category: "repair" });
    expect(parsed.limit).toBe(20);
    expect(() => z.object({}).parse({})).not.toThrow();
  });
});
