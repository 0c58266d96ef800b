// The one uncaught driver error `npm start` survives (postgres.js writing to a connection that is
// already gone, porsager/postgres#1154): recognised by its stack, and nothing else is.
import { describe, expect, it } from "vitest";
import { isDriverTypeFetchFailure, isDriverWriteCrash } from "~/lib/db.server";

function typeError(message: string, stack: string) {
  const error = new TypeError(message);
  error.stack = `TypeError: ${message}\n${stack}`;
  return error;
}

describe("the postgres.js write crash", () => {
  it("is recognised from the driver's own frame", () => {
    const crash = typeError(
      "Cannot read properties of null (reading 'write')",
      "    at Immediate.nextWrite (file:///srv/linli/node_modules/postgres/src/connection.js:255:22)\n    at process.processImmediate (node:internal/timers:483:21)",
    );
    expect(isDriverWriteCrash(crash)).toBe(true);
  });

  it("leaves every other error alone, even the same message from elsewhere", () => {
    const elsewhere = typeError(
      "Cannot read properties of null (reading 'write')",
      "    at nextWrite (file:///srv/linli/build/index.js:10:5)",
    );
    expect(isDriverWriteCrash(elsewhere)).toBe(false);
    expect(isDriverWriteCrash(new Error("Cannot read properties of null (reading 'write')"))).toBe(false);
    expect(isDriverWriteCrash("nextWrite")).toBe(false);
  });
});

describe("the postgres.js dropped type query", () => {
  const typeQuery = "\n      select b.oid, b.typarray\n      from pg_catalog.pg_type a\n      left join pg_catalog.pg_type b on b.oid = a.typelem\n";
  function driverError(message: string, query: string) {
    return Object.assign(new Error(message), { code: "CONNECTION_CLOSED", query });
  }

  it("is recognised by the driver's own array-types query", () => {
    expect(isDriverTypeFetchFailure(driverError("write CONNECTION_CLOSED 127.0.0.1:42313", typeQuery))).toBe(true);
  });

  it("leaves every other rejection alone, also a closed connection running one of our queries", () => {
    expect(isDriverTypeFetchFailure(driverError("write CONNECTION_CLOSED 127.0.0.1:42313", "select * from messages"))).toBe(false);
    expect(isDriverTypeFetchFailure(new Error("select b.oid, b.typarray from pg_catalog.pg_type"))).toBe(false);
    expect(isDriverTypeFetchFailure({ query: typeQuery })).toBe(false);
    expect(isDriverTypeFetchFailure(undefined)).toBe(false);
  });
});
