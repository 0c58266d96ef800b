// Serves the real build over HTTP, in this test file's process and database, with a small cookie-keeping client.
import type { Server } from "node:http";
import { createHttpApp, importServerBuild, type HttpAppOptions } from "../../scripts/server";
import { isDriverWriteCrash, replacePool } from "~/lib/db.server";

// The server in this process survives postgres.js writing to a socket that is already gone (porsager/postgres#1154)
// as `npm start` does (surviveDriverWriteCrash): the pool is replaced. Any other uncaught error still ends the
// worker, so the run fails loudly.
let survivingDriverCrash = false;
function surviveDriverWriteCrashInTests() {
  if (survivingDriverCrash) return;
  survivingDriverCrash = true;
  process.on("uncaughtException", (error) => {
    if (!isDriverWriteCrash(error)) throw error;
    replacePool();
  });
}

export async function startTestServer(options: HttpAppOptions = {}): Promise<{ base: string; close: () => Promise<void> }> {
  surviveDriverWriteCrashInTests();
  const build = await importServerBuild();
  const server: Server = await new Promise((resolve) => {
    const s = createHttpApp(() => build, "production", options).listen(0, "127.0.0.1", () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { base: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export class Client {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    // Forms go as they are (url-encoded or multipart); anything else as JSON.
    const isForm = body instanceof URLSearchParams || body instanceof FormData;
    const res = await fetch(`${this.base}${path}`, {
      method,
      redirect: "manual",
      headers: {
        ...(body !== undefined && !isForm ? { "Content-Type": "application/json" } : {}),
        ...(this.cookies.size ? { Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const [name, value] = pair!.split("=");
      if (attrs.some((a) => a.trim().toLowerCase() === "max-age=0") || value === "") this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value!.trim());
    }
    return res;
  }

  /** Sends a body exactly as given (broken JSON and the like), with this client's cookies; keeps no cookie it gets. */
  raw(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.base}${path}`, {
      method,
      redirect: "manual",
      headers: { ...(this.cookies.size ? { Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } : {}), ...headers },
      body,
    });
  }

  /** The Cookie header this client sends. */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** Sets a cookie as the browser would keep it (e.g. the language choice). */
  setCookie(name: string, value: string) {
    this.cookies.set(name, value);
  }

  /** Posts a form as a browser without JavaScript would. */
  form = (path: string, fields: URLSearchParams | FormData) => this.request("POST", path, fields);
  get = (path: string, headers?: Record<string, string>) => this.request("GET", path, undefined, headers);
  post = (path: string, body?: unknown, headers?: Record<string, string>) => this.request("POST", path, body ?? {}, headers);
  patch = (path: string, body?: unknown, headers?: Record<string, string>) => this.request("PATCH", path, body ?? {}, headers);
  delete = (path: string, headers?: Record<string, string>) => this.request("DELETE", path, undefined, headers);

  async login(login: string, password = "linli-demo-2026"): Promise<Response> {
    return this.post("/api/session", { login, password });
  }
}
