// Unit tests never reach a real server: outside HTTP goes through msw, and an unhandled request fails the test.
import { afterAll, afterEach, beforeAll } from "vitest";
import { mswServer } from "../mocks/server";

process.env.NODE_ENV = "test";
process.env.DATABASE_URL ??= "postgres://unit:unit@127.0.0.1:1/unit";
process.env.MEILI_URL = "http://meili.test";
process.env.MEILI_MASTER_KEY = "unit-test-key";

beforeAll(() => mswServer.listen({ onUnhandledRequest: "error" }));
afterEach(() => mswServer.resetHandlers());
afterAll(() => mswServer.close());
