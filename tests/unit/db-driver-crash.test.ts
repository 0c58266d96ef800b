// The one uncaught driver error `npm start` survives (postgres.js writing to a connection that is
// already gone, porsager/postgres#1154): recognised by its stack, and nothing else is.
import { describe, expect, it } from "vitest";
import { isDriverWriteCrash } from "~/lib/db.server";

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
