// msw handlers for Meilisearch: healthy, or down in the ways it fails in practice.
import { http, HttpResponse } from "msw";

const base = "http://meili.test";

export const meiliHealthy = [http.get(`${base}/health`, () => HttpResponse.json({ status: "available" }))];
export const meiliUnavailable = [http.get(`${base}/health`, () => HttpResponse.json({ message: "unavailable" }, { status: 503 }))];
export const meiliConnectionRefused = [http.get(`${base}/health`, () => HttpResponse.error())];
export const meiliHanging = [
  http.get(`${base}/health`, async () => {
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    return HttpResponse.json({ status: "available" });
  }),
];
