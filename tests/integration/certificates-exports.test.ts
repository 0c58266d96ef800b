// Service certificates (issue, print, verify) and the ledger's CSV exports, on the demo data.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as schema from "#db/schema";
import { db } from "~/lib/db.server";
import { resetEnvCache } from "~/lib/env.server";
import { appSecret } from "~/lib/secrets.server";
import { createSession } from "~/modules/accounts/auth.server";
import { readCertificateCode, signCertificateCode } from "~/modules/ledger/certificates.server";
import { loader as certificateLoader } from "~/routes/volunteers.$id.certificate";
import { loader as verifyLoader } from "~/routes/verify.$code";
import { loader as hoursLoader } from "~/routes/exports.hours[.]csv";
import { loader as totalsLoader } from "~/routes/exports.totals[.]csv";
import { seedDemo } from "../setup/seed";

type Loader = (args: { request: Request; params: Record<string, string>; context: object }) => Promise<unknown>;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "linli-certificates-"));
const ids: Record<string, string> = {};
let shaliu = "";
let team = "";

beforeAll(async () => {
  process.env.LINLI_DATA_DIR = dataDir;
  delete process.env.LINLI_SECRET;
  resetEnvCache();
  await seedDemo();
  const rows = await db().execute<{ id: string; email: string }>(sql`select id, email from users where email like '%@demo.linli.local'`);
  for (const r of rows) ids[r.email.split("@")[0]!] = r.id;
  const [community] = await db().execute<{ id: string }>(sql`select id from communities where name = '沙柳北路社区'`);
  shaliu = community!.id;
  const [org] = await db().execute<{ id: string }>(
    sql`select m.organisation_id as id from memberships m join organisations o on o.id = m.organisation_id
        where m.user_id = ${ids.duizhang!} and m.role = 'org_admin' and o.type = 'volunteer_team'`,
  );
  team = org!.id;
});

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function cookieOf(login: string | null): Promise<Record<string, string>> {
  if (!login) return {};
  const cookie = await createSession(new Request("http://localhost/"), ids[login]!);
  return { Cookie: cookie.split(";")[0]! };
}

/** Calls a loader as a login (null: anonymous) and reports what it answered, returned or thrown. */
async function call(loader: Loader, url: string, login: string | null, params: Record<string, string> = {}) {
  const request = new Request(`http://localhost${url}`, { headers: await cookieOf(login) });
  let result: unknown;
  try {
    result = await loader({ request, params, context: {} });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, response: result, data: null };
  return { status: 200, response: null, data: result };
}

interface CertificateData {
  certificate: { code: string; number: string; volunteerName: string; totalApprovedMinutes: number; activities: { minutes: number }[] };
  verifyUrl: string;
  qrCode: string;
}

interface VerifyData {
  valid: boolean;
  certificate?: { number: string; volunteerName: string; totalApprovedMinutes: number; activities: { title: string; date: string }[] };
  reversedSinceIssue?: number;
}

async function approvedMinutesOf(volunteerId: string): Promise<number> {
  const [row] = await db().execute<{ minutes: number }>(sql`
    select coalesce(sum(e.minutes), 0)::int as minutes
    from hour_entries e join hour_entry_reviews r on r.hour_entry_id = e.id and r.decision = 'approved'
    where e.volunteer_id = ${volunteerId}`);
  return row!.minutes;
}

const certificateOf = async (login: string | null, volunteer = "zhiyuanzhe") =>
  call(certificateLoader as Loader, `/volunteers/${ids[volunteer]}/certificate`, login, { id: ids[volunteer]! });
const verify = async (code: string) =>
  (await call(verifyLoader as Loader, `/verify/${code}`, null, { code })) as { status: number; data: VerifyData };

describe("service certificates", () => {
  it("the volunteer gets their certificate, totalling exactly their approved minutes, with a QR code to verify it", async () => {
    const { status, data } = await certificateOf("zhiyuanzhe");
    expect(status).toBe(200);
    const { certificate, verifyUrl, qrCode } = data as CertificateData;
    const expected = await approvedMinutesOf(ids.zhiyuanzhe!);
    expect(expected).toBeGreaterThan(0);
    expect(certificate.totalApprovedMinutes).toBe(expected);
    expect(certificate.activities.reduce((sum, a) => sum + a.minutes, 0)).toBe(expected);
    expect(certificate.volunteerName).toBe("林欣怡");
    expect(certificate.number).toMatch(/^LL-\d{4}-[0-9A-Z]{8}$/);
    expect(verifyUrl).toBe(`http://localhost/verify/${certificate.code}`);
    expect(qrCode).toMatch(/^data:image\/svg\+xml/);
  });

  it("keeps the signing secret in the data folder, readable by its owner only", () => {
    const file = path.join(dataDir, "secrets.json");
    const stored = JSON.parse(fs.readFileSync(file, "utf8")) as { appSecret?: string };
    expect(stored.appSecret).toBe(appSecret());
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it("is shown to staff of the volunteer's community and their team's admin, refused to another volunteer, and asks strangers to sign in", async () => {
    expect((await certificateOf("shequ")).status).toBe(200);
    expect((await certificateOf("duizhang")).status).toBe(200);
    expect((await certificateOf("volunteer005")).status).toBe(403);
    expect((await certificateOf("jumin")).status).toBe(403);
    expect((await certificateOf("shequ2")).status).toBe(403);
    const anonymous = await certificateOf(null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.response!.headers.get("Location")).toMatch(/^\/login/);
    const nobody = await call(certificateLoader as Loader, "/volunteers/not-an-id/certificate", "admin", { id: "not-an-id" });
    expect(nobody.status).toBe(404);
  });

  it("verifies on /verify/:code with the same total, the name as printed (to match the person) and no contact details", async () => {
    const { certificate } = (await certificateOf("zhiyuanzhe")).data as CertificateData;
    const { status, data } = await verify(certificate.code);
    expect(status).toBe(200);
    expect(data.valid).toBe(true);
    expect(data.certificate).toMatchObject({
      number: certificate.number,
      totalApprovedMinutes: certificate.totalApprovedMinutes,
      volunteerName: certificate.volunteerName,
    });
    expect(data.certificate!.activities.length).toBe(certificate.activities.length);
    const [user] = await db()
      .select()
      .from(schema.users)
      .where(sql`${schema.users.id} = ${ids.zhiyuanzhe!}`);
    const text = JSON.stringify(data);
    for (const secret of [user!.email, user!.phone, user!.address, ids.zhiyuanzhe].filter(Boolean)) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/@|demo\.linli\.local|1[3-9]\d{9}/);
    expect(text).not.toContain(certificate.code);
  });

  it("says not valid, with no data, for a tampered or made-up code", async () => {
    const { certificate } = (await certificateOf("zhiyuanzhe")).data as CertificateData;
    const middle = Math.floor(certificate.code.length / 2);
    const tampered =
      certificate.code.slice(0, middle) + (certificate.code[middle] === "A" ? "B" : "A") + certificate.code.slice(middle + 1);
    for (const code of [tampered, "not-a-certificate", certificate.code.slice(0, -4)]) {
      const { status, data } = await verify(code);
      expect(status).toBe(200);
      expect(data).toEqual({ valid: false });
    }
  });

  it("says not valid when a correctly signed code claims other content than the ledger holds", async () => {
    const { certificate } = (await certificateOf("zhiyuanzhe")).data as CertificateData;
    const identity = readCertificateCode(certificate.code, appSecret())!;
    const inflated = signCertificateCode({ ...identity, totalApprovedMinutes: identity.totalApprovedMinutes + 60 }, appSecret());
    expect((await verify(inflated)).data).toEqual({ valid: false });
    const otherVolunteer = signCertificateCode({ ...identity, volunteerId: ids.volunteer005! }, appSecret());
    expect((await verify(otherVolunteer)).data).toEqual({ valid: false });
  });

  it("stays valid as of its issue date after a later reversal, and says so", async () => {
    const { certificate } = (await certificateOf("zhiyuanzhe")).data as CertificateData;
    const [entry] = await db().execute<{ id: string }>(sql`
      select e.id
      from hour_entries e join hour_entry_reviews r on r.hour_entry_id = e.id and r.decision = 'approved'
      where e.volunteer_id = ${ids.zhiyuanzhe!} and e.kind <> 'reversal'
        and not exists (select 1 from hour_entries x where x.reverses_id = e.id)
      limit 1`);
    await db().execute(sql`
      insert into hour_entries (volunteer_id, activity_id, community_id, kind, starts_at, ends_at, minutes, reverses_id, recorded_by_user_id)
      select volunteer_id, activity_id, community_id, 'reversal', starts_at, ends_at, -minutes, id, ${ids.shequ!}
      from hour_entries where id = ${entry!.id}`);
    const { data } = await verify(certificate.code);
    expect(data).toMatchObject({
      valid: true,
      reversedSinceIssue: 1,
      certificate: { totalApprovedMinutes: certificate.totalApprovedMinutes },
    });
  });
});

/** A small RFC 4180 reader for the exports' CSV. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (quoted) {
      field += ch;
    } else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += ch;
    }
  }
  return rows;
}

async function download(loader: Loader, url: string, login: string | null) {
  const outcome = await call(loader, url, login);
  // Response.text() drops a leading byte-order mark (WHATWG UTF-8 decode), so read the bytes.
  const bytes = outcome.status === 200 ? new Uint8Array(await outcome.response!.arrayBuffer()) : new Uint8Array();
  const body = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return { ...outcome, bytes, body, rows: body ? parseCsv(body.replace(/^\uFEFF/, "")) : [] };
}

describe("CSV exports of the ledger", () => {
  it("hours.csv for a community's staff: a BOM, Chinese headers, CRLF, and only that community's entries", async () => {
    const { status, response, bytes, body, rows } = await download(hoursLoader as Loader, "/exports/hours.csv", "shequ");
    expect(status).toBe(200);
    expect(response!.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response!.headers.get("Content-Disposition")).toMatch(/^attachment; filename="linli-hours-[\d-]+\.csv"$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.charCodeAt(0)).toBe(0xfeff);
    expect(body.endsWith("\r\n")).toBe(true);
    expect(body.replace(/\r\n/g, "")).not.toMatch(/\n/);
    const [header, ...entries] = rows;
    expect(header).toContain("志愿者");
    const community = header!.indexOf("社区");
    const [count] = await db().execute<{ n: number }>(sql`select count(*)::int as n from hour_entries where community_id = ${shaliu}`);
    expect(entries.length).toBe(count!.n);
    expect(entries.length).toBeGreaterThan(0);
    expect(new Set(entries.map((r) => r[community]))).toEqual(new Set(["沙柳北路社区"]));
    const ids = entries.map((r) => r[0]);
    const [outside] = await db().execute<{ n: number }>(
      sql`select count(*)::int as n from hour_entries where community_id <> ${shaliu} and id = any(${`{${ids.join(",")}}`}::uuid[])`,
    );
    expect(outside!.n).toBe(0);
  });

  it("narrows hours.csv to a date range and refuses a bad date with 400", async () => {
    const { rows } = await download(hoursLoader as Loader, "/exports/hours.csv?from=2026-06-01&to=2026-08-31", "shequ");
    const [count] = await db().execute<{ n: number }>(sql`
      select count(*)::int as n from hour_entries
      where community_id = ${shaliu} and starts_at >= '2026-06-01T00:00:00+08:00' and starts_at < '2026-09-01T00:00:00+08:00'`);
    expect(rows.length - 1).toBe(count!.n);
    expect((await call(hoursLoader as Loader, "/exports/hours.csv?from=2026-02-30", "shequ")).status).toBe(400);
    expect((await call(hoursLoader as Loader, "/exports/hours.csv?from=2026-09-01&to=2026-06-01", "shequ")).status).toBe(400);
  });

  it("refuses residents, volunteers and a bank's admin (403), and asks strangers to sign in", async () => {
    for (const login of ["jumin", "zhiyuanzhe", "yinhang"]) {
      expect((await call(hoursLoader as Loader, "/exports/hours.csv", login)).status, login).toBe(403);
      expect((await call(totalsLoader as Loader, "/exports/totals.csv", login)).status, login).toBe(403);
    }
    const anonymous = await call(totalsLoader as Loader, "/exports/totals.csv", null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.response!.headers.get("Location")).toMatch(/^\/login/);
  });

  it("totals.csv for a team's admin: exactly the team's volunteers and totals", async () => {
    const { status, rows } = await download(totalsLoader as Loader, "/exports/totals.csv", "duizhang");
    expect(status).toBe(200);
    const [header, ...lines] = rows;
    expect(header![0]).toBe("志愿者编号");
    const expected = await db().execute<{ volunteer_id: string; approved: number; pending: number }>(sql`
      select e.volunteer_id,
        coalesce(sum(e.minutes) filter (where r.decision = 'approved'), 0)::int as approved,
        coalesce(sum(e.minutes) filter (where r.hour_entry_id is null and e.kind <> 'reversal'), 0)::int as pending
      from hour_entries e left join hour_entry_reviews r on r.hour_entry_id = e.id
      where e.organisation_id = ${team}
      group by e.volunteer_id`);
    expect(expected.length).toBeGreaterThan(0);
    const got = Object.fromEntries(lines.map((l) => [l[0], { approved: Number(l[4]), pending: Number(l[5]) }]));
    expect(got).toEqual(Object.fromEntries(expected.map((e) => [e.volunteer_id, { approved: e.approved, pending: e.pending }])));
    for (const l of lines) expect(l[2]).toBe((Number(l[4]) / 60).toFixed(2));
  });

  it("gives a street's admin every community of the street, and a platform admin everything", async () => {
    const street = await download(hoursLoader as Loader, "/exports/hours.csv", "jiedao");
    const [inStreet] = await db().execute<{ n: number }>(sql`
      select count(*)::int as n from hour_entries e join communities c on c.id = e.community_id
      where c.street_id = (select street_id from communities where id = ${shaliu})`);
    expect(street.rows.length - 1).toBe(inStreet!.n);
    const all = await download(totalsLoader as Loader, "/exports/totals.csv", "admin");
    const [volunteers] = await db().execute<{ n: number }>(sql`select count(distinct volunteer_id)::int as n from hour_entries`);
    expect(all.rows.length - 1).toBe(volunteers!.n);
  });
});
