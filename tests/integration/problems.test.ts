// Problem reports (问题上报) through the API, their deadlines and escalation to the street, and the figures the
// dashboards and the showcase read. The dispatch lifecycle itself is in dispatch.test.ts.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import sharp from "sharp";
import { db } from "~/lib/db.server";
import { storeImage } from "~/modules/attachments/attachments.server";
import { setShowcasePhoto } from "~/modules/problems/problems.server";
import { signedInViewer } from "../setup/fixtures";
import { now as clockNow } from "~/lib/clock.server";
import { hashPassword } from "~/modules/accounts/password.server";
import {
  caseFigures,
  escalateOverdueCases,
  overdueCases,
  problemFiguresByCommunity,
  resolvedProblems,
} from "~/modules/problems/problems.server";
import { DEMO_PASSWORD, demoId } from "#db/seed";
import { seedDemo } from "../setup/seed";
import { Client, startTestServer } from "../setup/http";

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  await seedDemo(undefined, await hashPassword(DEMO_PASSWORD));
  server = await startTestServer();
});
afterAll(() => server?.close());

async function as(login: string): Promise<Client> {
  const c = new Client(server.base);
  expect((await c.login(`${login}@demo.linli.local`)).status, login).toBe(200);
  return c;
}
const shaliu = demoId("community:shaliubeilu");
const dongxin = demoId("street:dongxin");
const report = (over: Record<string, unknown> = {}) => ({
  kind: "problem",
  title: "6号楼楼道灯不亮",
  description: "晚上看不见台阶",
  problemType: "stairwell_light",
  communityId: shaliu,
  location: "6号楼2门",
  ...over,
});

describe("the seed", () => {
  it("has problem cases in every state, dispatches pending, accepted and declined, and a grid worker per community", async () => {
    const rows = await db().execute<{ status: string }>(sql`select distinct status::text from needs where kind = 'problem'`);
    expect(rows.map((r) => r.status).sort()).toEqual(
      ["claimed", "completed", "dispatched", "fulfilled", "pending_review", "published", "rejected", "withdrawn"].sort(),
    );
    const dispatchStates = await db().execute<{ status: string }>(sql`select distinct status::text from dispatches`);
    expect(dispatchStates.map((r) => r.status).sort()).toEqual(["accepted", "declined", "pending"]);
    const grid = await db().execute<{ n: number }>(sql`select count(*)::int as n from memberships where role = 'grid_worker'`);
    expect(grid[0]!.n).toBe(2);
  });
});

describe("POST /api/needs with kind problem", () => {
  it("a grid worker's report is published at once with its type's deadline, and the staff are told", async () => {
    const grid = await as("wangge");
    const res = await grid.post("/api/needs", report({ latitude: 39.1135, longitude: 117.2712 }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; status: string; kind: string };
    expect(body).toMatchObject({ kind: "problem", status: "published" });
    const [row] = await db().execute<{ problem_type: string; category: string; resolve_due_at: Date; location: string }>(
      sql`select problem_type, category::text, resolve_due_at, location from needs where id = ${body.id}`,
    );
    expect(row).toMatchObject({ problem_type: "stairwell_light", category: "repair", location: "6号楼2门" });
    // Where it is reaches those who act on it (the staff, the reporter), with the contact; the public never sees it.
    const staffView = (await (await (await as("shequ")).get(`/api/needs/${body.id}`)).json()) as { private?: { location: string | null } };
    expect(staffView.private?.location).toBe("6号楼2门");
    const staffPage = await (await (await as("shequ")).get(`/wishes/${body.id}`)).text();
    expect(staffPage).toContain("6号楼2门");
    const publicText = await (await new Client(server.base).get(`/api/needs/${body.id}`)).text();
    expect(publicText).not.toContain("6号楼2门");
    expect(new Date(row!.resolve_due_at).getTime()).toBeGreaterThan(clockNow().getTime() + 86_400_000);
    const notes = await db().execute<{ n: number }>(
      sql`select count(*)::int as n from notifications where subject_id = ${body.id} and kind = 'problem.reported'`,
    );
    expect(notes[0]!.n).toBeGreaterThan(0);
  });

  it("a resident's report waits for review", async () => {
    const resident = await as("jumin");
    const res = await resident.post("/api/needs", report({ title: "楼下井盖响", problemType: "manhole" }));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { status: string }).status).toBe("pending_review");
  });

  it("refuses: another community's resident (403), a resident reporting for someone (403), no type or place (400)", async () => {
    const before = await db().execute<{ n: number }>(sql`select count(*)::int as n from needs`);
    const other = await as("shequ2");
    expect((await other.post("/api/needs", report())).status).toBe(403);
    const resident = await as("jumin");
    const forOther = await resident.post("/api/needs", report({ onBehalfOf: { name: "赵奶奶", consent: true } }));
    expect(forOther.status).toBe(403);
    const bad = await resident.post("/api/needs", report({ problemType: "ufo" }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toMatchObject({
      problemType: "problem_type_invalid",
    });
    const nowhere = await resident.post("/api/needs", report({ location: undefined }));
    expect(((await nowhere.json()) as { error: { fields: Record<string, string> } }).error.fields).toMatchObject({ location: "required" });
    const half = await resident.post("/api/needs", report({ latitude: 39.1 }));
    expect(((await half.json()) as { error: { fields: Record<string, string> } }).error.fields).toMatchObject({
      longitude: "point_incomplete",
    });
    const after = await db().execute<{ n: number }>(sql`select count(*)::int as n from needs`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});

describe("overdue cases", () => {
  it("the minute job escalates each overdue case once to the street's admin, and dates problems approved without one", async () => {
    const first = await escalateOverdueCases();
    const second = await escalateOverdueCases();
    expect(second.escalated).toBe(0);
    expect(second.deadlines).toBe(0);
    // Age a published case past its deadline: the next run escalates it, once.
    const [open] = await db().execute<{ id: string }>(
      sql`update needs set resolve_due_at = linli_now() - interval '1 hour' where id = ${demoId("problem:noise")} returning id`,
    );
    expect(open).toBeDefined();
    expect((await escalateOverdueCases()).escalated).toBe(1);
    expect((await escalateOverdueCases()).escalated).toBe(0);
    const notes = await db().execute<{ user_id: string }>(
      sql`select user_id from notifications where subject_id = ${open!.id} and kind = 'case.overdue'`,
    );
    expect(notes.map((n) => n.user_id)).toContain(demoId("user:jiedao"));
    expect(first.escalated + first.deadlines).toBeGreaterThanOrEqual(0);
  });

  it("the street's overdue list names the overdue cases and no case in another street", async () => {
    const list = await overdueCases({ streetId: dongxin });
    const ids = list.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([demoId("problem:elevator-3"), demoId("problem:fire-lane"), demoId("problem:noise")]));
    expect(ids).not.toContain(demoId("problem:wall-dalidao"));
    expect(ids).not.toContain(demoId("problem:streetlight-north"));
  });
});

describe("figures", () => {
  it("per category and per organisation: open, overdue, resolved and the median days", async () => {
    const figures = await caseFigures({ communityId: shaliu });
    const safety = figures.byCategory.find((c) => c.key === "safety")!;
    expect(safety).toMatchObject({ overdue: 1, resolved: 1 });
    expect(safety.medianDaysToResolve).toBeGreaterThan(0);
    const company = figures.byOrganisation.find((o) => o.key === demoId("org:company-haihe"))!;
    expect(company).toMatchObject({ resolved: 2, overdue: 1 });
    expect(company.open).toBe(3);
  });

  it("the public lists resolved problems only, and per-community figures", async () => {
    const resolved = await resolvedProblems({ streetId: dongxin });
    expect(resolved.map((r) => r.id).sort()).toEqual([demoId("problem:lamp-12"), demoId("problem:manhole-8")].sort());
    const byCommunity = await problemFiguresByCommunity({ streetId: demoId("street:wudadao") });
    expect(byCommunity.find((c) => c.id === demoId("community:sanshengli"))).toMatchObject({ resolved: 1 });
  });
});

describe("showcase photos", () => {
  it("a resolved problem's photo is public only once its staff choose it; others may not choose", async () => {
    const needId = demoId("problem:lamp-12");
    const bytes = await sharp({ create: { width: 20, height: 20, channels: 3, background: "#335577" } })
      .jpeg()
      .toBuffer();
    const photo = await storeImage(db(), { bytes, needId, uploadedByUserId: demoId("user:wangge") });
    const anonymous = new Client(server.base);
    expect((await anonymous.get(`/attachments/${photo.id}`)).status).toBe(404);
    await expect(setShowcasePhoto(await signedInViewer(demoId("user:shequ2")), photo.id, true)).rejects.toMatchObject({
      code: "forbidden",
    });
    await setShowcasePhoto(await signedInViewer(demoId("user:shequ")), photo.id, true);
    expect((await anonymous.get(`/attachments/${photo.id}`)).status).toBe(200);
    const [shown] = await resolvedProblems({ communityId: shaliu }).then((list) => list.filter((p) => p.id === needId));
    expect(shown!.before).toEqual([photo.id]);
  });
});
