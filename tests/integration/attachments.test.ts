// Uploaded photos on the real database and file system: stored without metadata under the data folder,
// and served only to those who may see the wish they belong to.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/lib/db.server";
import { resetEnvCache } from "~/lib/env.server";
import { createSession } from "~/modules/accounts/auth.server";
import { attachmentsOfClaim, attachmentsOfNeed, storeImage } from "~/modules/attachments/attachments.server";
import { loader } from "~/routes/attachments.$id";
import { seedDemo } from "../setup/seed";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "linli-attachments-"));
let photo: Buffer;
const ids = { poster: "", staff: "", otherStaff: "", publishedWish: "", pendingWish: "", claim: "", organisation: "" };

async function one<T>(query: ReturnType<typeof sql>): Promise<T> {
  const [row] = await db().execute<T & Record<string, unknown>>(query);
  expect(row).toBeDefined();
  return row as T;
}

const userId = async (email: string) => (await one<{ id: string }>(sql`select id from users where email = ${email}`)).id;

beforeAll(async () => {
  process.env.LINLI_DATA_DIR = dataDir;
  resetEnvCache();
  await seedDemo();
  photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 10, g: 120, b: 200 } } })
    .jpeg()
    .withExifMerge({ IFD0: { Copyright: "secret-marker" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "39/1 6/1 48/1" } })
    .toBuffer();
  ids.staff = await userId("shequ@demo.linli.local");
  ids.otherStaff = await userId("shequ2@demo.linli.local");
  ids.publishedWish = (await one<{ id: string }>(sql`select id from needs where status = 'published' and kind = 'micro_wish' limit 1`)).id;
  const pending = await one<{ id: string; posted_by_user_id: string }>(sql`
    select n.id, n.posted_by_user_id from needs n join communities c on c.id = n.community_id
    where c.name = '沙柳北路社区' and n.status = 'pending_review' and n.kind = 'micro_wish' and n.posted_by_user_id <> ${ids.staff}
    order by n.created_at limit 1`);
  ids.pendingWish = pending.id;
  ids.poster = pending.posted_by_user_id;
  // A wish's claim (a problem's photos are public only when chosen for the showcase: tested in problems.test.ts).
  ids.claim = (
    await one<{ id: string }>(
      sql`select c.id from claims c join needs n on n.id = c.need_id where c.status = 'active' and n.kind <> 'problem' limit 1`,
    )
  ).id;
  ids.organisation = (await one<{ id: string }>(sql`select id from organisations limit 1`)).id;
});

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  delete process.env.LINLI_DATA_DIR;
  resetEnvCache();
});

async function fetchAttachment(id: string, asUserId?: string): Promise<Response> {
  const headers: Record<string, string> = {};
  if (asUserId) headers.Cookie = (await createSession(new Request("http://localhost/"), asUserId)).split(";")[0]!;
  const request = new Request(`http://localhost/attachments/${id}`, { headers });
  return loader({ request, params: { id }, context: {} });
}

describe("attachments", () => {
  it("a stored photo is re-encoded without its EXIF and written under the data folder", async () => {
    const row = await storeImage(db(), { bytes: photo, needId: ids.publishedWish, uploadedByUserId: ids.staff });
    expect(row.storagePath).toMatch(/^uploads\/\d{4}-\d{2}\/[0-9a-f-]{36}\.jpg$/);
    expect(row).toMatchObject({ mimeType: "image/jpeg", width: 64, height: 48 });
    const file = path.join(dataDir, row.storagePath);
    expect(fs.existsSync(file)).toBe(true);
    const stored = fs.readFileSync(file);
    expect(stored.byteLength).toBe(row.bytes);
    expect((await sharp(stored).metadata()).exif).toBeUndefined();
    expect(stored.includes("secret-marker")).toBe(false);
    expect(await attachmentsOfNeed(ids.publishedWish)).toEqual([{ id: row.id, url: `/attachments/${row.id}`, width: 64, height: 48 }]);
  });

  it("a published wish's photo is served to anyone, with public caching", async () => {
    const row = await storeImage(db(), { bytes: photo, needId: ids.publishedWish, uploadedByUserId: ids.staff });
    const res = await fetchAttachment(row.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^image\//);
    expect(res.headers.get("Content-Length")).toBe(String(row.bytes));
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=86400");
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(fs.readFileSync(path.join(dataDir, row.storagePath)))).toBe(true);
  });

  it("a wish awaiting review shows its photo only to its poster and its community's staff", async () => {
    const row = await storeImage(db(), { bytes: photo, needId: ids.pendingWish, uploadedByUserId: ids.poster });
    expect((await fetchAttachment(row.id)).status).toBe(404);
    expect((await fetchAttachment(row.id, ids.otherStaff)).status).toBe(404);
    expect((await fetchAttachment(row.id, await userId("yinhang@demo.linli.local"))).status).toBe(404);

    const asPoster = await fetchAttachment(row.id, ids.poster);
    expect(asPoster.status).toBe(200);
    expect(asPoster.headers.get("Cache-Control")).toBe("private, no-store");
    await asPoster.body?.cancel();

    const asStaff = await fetchAttachment(row.id, ids.staff);
    expect(asStaff.status).toBe(200);
    expect(asStaff.headers.get("Content-Type")).toBe("image/jpeg");
    expect(asStaff.headers.get("Cache-Control")).toBe("private, no-store");
    await asStaff.body?.cancel();
  });

  it("a claim's fulfilment photo follows its wish; an organisation's logo is public", async () => {
    const fulfilment = await storeImage(db(), { bytes: photo, claimId: ids.claim, uploadedByUserId: ids.staff });
    expect(await attachmentsOfClaim(ids.claim)).toEqual([
      { id: fulfilment.id, url: `/attachments/${fulfilment.id}`, width: 64, height: 48 },
    ]);
    const claimed = await fetchAttachment(fulfilment.id);
    expect(claimed.status).toBe(200);
    await claimed.body?.cancel();

    const logo = await storeImage(db(), {
      bytes: await sharp({ create: { width: 32, height: 32, channels: 4, background: "#ff000080" } })
        .png()
        .toBuffer(),
      organisationId: ids.organisation,
      uploadedByUserId: ids.staff,
    });
    expect(logo.mimeType).toBe("image/png");
    const res = await fetchAttachment(logo.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=86400");
    await res.body?.cancel();
  });

  it("unknown ids, ids that are not uuids and files gone from disk answer 404", async () => {
    expect((await fetchAttachment("00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await fetchAttachment("../../etc/passwd")).status).toBe(404);
    const row = await storeImage(db(), { bytes: photo, needId: ids.publishedWish, uploadedByUserId: ids.staff });
    fs.rmSync(path.join(dataDir, row.storagePath));
    expect((await fetchAttachment(row.id)).status).toBe(404);
  });

  it("a row that cannot be inserted leaves no file behind", async () => {
    const filesBefore = fs.readdirSync(dataDir, { recursive: true }).filter((f) => String(f).includes("."));
    await expect(
      storeImage(db(), { bytes: photo, needId: "00000000-0000-4000-8000-000000000000", uploadedByUserId: ids.staff }),
    ).rejects.toThrow();
    const filesAfter = fs.readdirSync(dataDir, { recursive: true }).filter((f) => String(f).includes("."));
    expect(filesAfter).toEqual(filesBefore);
  });

  it("an image that is not JPEG, PNG or WebP is refused before anything is written", async () => {
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: "red" } })
      .gif()
      .toBuffer();
    await expect(storeImage(db(), { bytes: gif, needId: ids.publishedWish, uploadedByUserId: ids.staff })).rejects.toMatchObject({
      code: "validation_failed",
      fields: { photos: "image_type" },
    });
  });
});
