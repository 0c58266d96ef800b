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

  it.each([
    ["23514", "activities_at_most_a_day", "validation_failed", { endsAt: "activity_too_long" }],
    ["23514", "activities_within_a_year", "validation_failed", { startsAt: "activity_out_of_window" }],
    ["23514", "activities_run_by_team", "validation_failed", { organisationId: "team_required" }],
    ["LL004", "activities_team_serves_place", "forbidden", { communityId: "team_outside_area" }],
    ["23514", "attendances_within_activity", "validation_failed", { checkIn: "outside_activity" }],
    ["23514", "hour_entries_within_activity", "validation_failed", { _form: "outside_activity" }],
    ["23514", "hours_day_at_most_12h", "conflict", { _form: "day_limit_exceeded" }],
    ["LL005", "hours_day_over_8h_second_approver", "conflict", { _form: "second_approver_required" }],
  ])("SQLSTATE %s on %s → %s with a field code", (code, constraint, expected, fields) => {
    const wrapped = Object.assign(new Error("query failed"), {
      cause: Object.assign(new Error("a message that may change"), { code, constraint_name: constraint }),
    });
    const mapped = domainErrorFromDatabase(wrapped);
    expect(mapped?.code).toBe(expected);
    expect(mapped?.fields).toEqual(fields);
  });

  it("maps a date PostgreSQL cannot hold to a validation error, not a 500", () => {
    expect(domainErrorFromDatabase(Object.assign(new Error("date/time field value out of range"), { code: "22008" }))?.code).toBe(
      "validation_failed",
    );
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
