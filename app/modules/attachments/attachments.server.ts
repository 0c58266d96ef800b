// Photos of wishes, fulfilment photos of claims and organisation logos: checked by content,
// re-encoded without metadata, stored under the data folder and served through a visibility check.
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import { attachments, claims, communities, needs } from "#db/schema";
import { db, type DbOrTx } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { AppError, notFound } from "~/lib/errors";
import { governsCommunity, memberOf, type Viewer } from "~/modules/accounts/accounts.policy";
import { isPublicStatus } from "~/modules/needs/lifecycle";
import { now } from "~/lib/clock.server";
import { tianjinMonth } from "~/lib/tianjin-time";

import { MAX_FORM_BYTES, MAX_IMAGE_BYTES, MAX_PHOTOS } from "./limits";

export { MAX_IMAGE_BYTES, MAX_PHOTOS };
/** Longest side of a stored image: phone photos shrink to this, smaller ones stay as they are. */
export const MAX_IMAGE_SIDE = 2048;
// A small file can declare a huge canvas (a decompression bomb): refuse before decoding it.
const MAX_INPUT_PIXELS = 80_000_000;

const imageFormats = {
  jpeg: { mimeType: "image/jpeg", ext: "jpg" },
  png: { mimeType: "image/png", ext: "png" },
  webp: { mimeType: "image/webp", ext: "webp" },
} as const;

export type ImageMimeType = (typeof imageFormats)[keyof typeof imageFormats]["mimeType"];

export interface NormalisedImage {
  bytes: Buffer;
  mimeType: ImageMimeType;
  width: number;
  height: number;
  ext: "jpg" | "png" | "webp";
}

export type Attachment = typeof attachments.$inferSelect;

const imageTooLarge = () => new AppError("validation_failed", "the image is too large", { photos: "image_too_large" });
const wrongImageType = () => new AppError("validation_failed", "only JPEG, PNG and WebP images are accepted", { photos: "image_type" });

/**
 * Decides the type from the content (never the file name or the client's MIME type), applies the
 * EXIF orientation, fits the image within MAX_IMAGE_SIDE and re-encodes it in the same format.
 * sharp writes no EXIF, XMP, IPTC or ICC data unless asked to (withMetadata/keep*), so GPS
 * positions and camera details never reach the stored file.
 */
export async function normaliseImage(input: Uint8Array): Promise<NormalisedImage> {
  if (input.byteLength > MAX_IMAGE_BYTES) throw imageTooLarge();
  if (input.byteLength === 0) throw wrongImageType();
  let metadata: Metadata;
  try {
    metadata = await sharp(input).metadata();
  } catch {
    throw wrongImageType();
  }
  const format = metadata.format in imageFormats ? imageFormats[metadata.format as keyof typeof imageFormats] : null;
  if (!format) throw wrongImageType();
  if (metadata.width * metadata.height > MAX_INPUT_PIXELS) throw imageTooLarge();

  const pipeline = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
    .rotate()
    .resize({ width: MAX_IMAGE_SIDE, height: MAX_IMAGE_SIDE, fit: "inside", withoutEnlargement: true });
  if (format.ext === "jpg") pipeline.jpeg({ quality: 85 });
  else if (format.ext === "png") pipeline.png();
  else pipeline.webp({ quality: 85 });

  let output: { data: Buffer; info: OutputInfo };
  try {
    output = await pipeline.toBuffer({ resolveWithObject: true });
  } catch {
    // The header read but the pixels did not: a truncated or corrupt file.
    throw wrongImageType();
  }
  // Re-encoding can grow an already tightly compressed PNG past the stored limit.
  if (output.data.byteLength > MAX_IMAGE_BYTES) throw imageTooLarge();
  return { bytes: output.data, mimeType: format.mimeType, width: output.info.width, height: output.info.height, ext: format.ext };
}

function dataDir(): string {
  return path.resolve(env().LINLI_DATA_DIR);
}

async function removeFile(absolutePath: string) {
  await fs.rm(absolutePath, { force: true });
}

export interface StoreImageInput {
  bytes: Uint8Array;
  uploadedByUserId: string;
  needId?: string;
  claimId?: string;
  organisationId?: string;
}

/**
 * Normalises an uploaded image, writes it under <data>/uploads/<yyyy-mm>/ and records it for
 * exactly one owner (a need, a claim or an organisation). The file is written first and removed
 * again if the row cannot be inserted. The caller checks that the user may attach to that owner.
 */
export async function storeImage(tx: DbOrTx, input: StoreImageInput): Promise<Attachment> {
  const owners = [input.needId, input.claimId, input.organisationId].filter((id) => id !== undefined);
  if (owners.length !== 1) throw new Error("storeImage: give exactly one of needId, claimId, organisationId");
  const image = await normaliseImage(input.bytes);
  const month = tianjinMonth(now());
  const storagePath = path.posix.join("uploads", month, `${randomUUID()}.${image.ext}`);
  const absolutePath = path.join(dataDir(), storagePath);
  await fs.mkdir(path.dirname(absolutePath), { recursive: true });
  await fs.writeFile(absolutePath, image.bytes, { flag: "wx" });
  try {
    const [row] = await tx
      .insert(attachments)
      .values({
        needId: input.needId ?? null,
        claimId: input.claimId ?? null,
        organisationId: input.organisationId ?? null,
        storagePath,
        mimeType: image.mimeType,
        bytes: image.bytes.byteLength,
        width: image.width,
        height: image.height,
        uploadedByUserId: input.uploadedByUserId,
      })
      .returning();
    return row!;
  } catch (error) {
    await removeFile(absolutePath);
    throw error;
  }
}

/**
 * Takes photos off a need (the resident changing a wish before review): deletes their rows in the
 * caller's transaction and returns the files to remove once it has committed.
 */
export async function detachNeedPhotos(tx: DbOrTx, needId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .delete(attachments)
    .where(and(eq(attachments.needId, needId), inArray(attachments.id, ids)))
    .returning({ storagePath: attachments.storagePath });
  return rows.map((r) => path.join(dataDir(), r.storagePath));
}

/** Removes stored files no row points to any more (best effort: a leftover file is harmless). */
export async function removeStoredFiles(paths: string[]): Promise<void> {
  await Promise.all(paths.map((p) => removeFile(p)));
}

/** The form fields and the photo files of a form that may carry photos (file inputs named `photos`). */
export async function readImageUploads(request: Request): Promise<{ fields: Record<string, string>; files: Uint8Array[] }> {
  const contentType = request.headers.get("Content-Type") ?? "";
  if (!/^multipart\/form-data\b/i.test(contentType)) {
    const form = await request.formData().catch(() => null);
    const fields: Record<string, string> = {};
    form?.forEach((value, key) => {
      if (typeof value === "string") fields[key] = value;
    });
    return { fields, files: [] };
  }

  const memoryHandler = unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMAGE_BYTES });
  let formBytes = 0;
  let photoCount = 0;
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, async (part) => {
      const data = (async function* () {
        for await (const chunk of part.data) {
          formBytes += chunk.byteLength;
          if (formBytes > MAX_FORM_BYTES) throw imageTooLarge();
          yield chunk;
        }
      })();
      const value = await memoryHandler({ ...part, data });
      // An empty file input arrives as a part without a file name (or as an empty file): nothing was chosen.
      if (part.name === "photos" && typeof value === "string") return undefined;
      if (typeof value === "string" || !(value instanceof File)) return value;
      // Files under other names are not ours to keep.
      if (part.name !== "photos" || value.size === 0) return undefined;
      if (++photoCount > MAX_PHOTOS) throw new AppError("validation_failed", `at most ${MAX_PHOTOS} photos`, { photos: "too_many_photos" });
      return value;
    });
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof MaxPartSizeExceededError) throw imageTooLarge();
    throw new AppError("validation_failed", "the form data could not be read", { _form: "invalid form data" });
  }

  const fields: Record<string, string> = {};
  const files: Uint8Array[] = [];
  for (const [key, value] of form.entries()) {
    if (typeof value === "string") fields[key] = value;
    else files.push(new Uint8Array(await value.arrayBuffer()));
  }
  return { fields, files };
}

export interface AttachmentView {
  id: string;
  url: string;
  width: number | null;
  height: number | null;
}

function attachmentView(row: { id: string; width: number | null; height: number | null }): AttachmentView {
  return { id: row.id, url: `/attachments/${row.id}`, width: row.width, height: row.height };
}

const attachmentColumns = { id: attachments.id, width: attachments.width, height: attachments.height };

/** The photos of a need, oldest first. The caller has already decided the viewer may see the need. */
export async function attachmentsOfNeed(needId: string): Promise<AttachmentView[]> {
  const rows = await db()
    .select(attachmentColumns)
    .from(attachments)
    .where(eq(attachments.needId, needId))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  return rows.map(attachmentView);
}

/** The photos of several needs at once (a list page), oldest first, by need id. The caller has checked access. */
export async function attachmentsOfNeeds(needIds: string[]): Promise<Map<string, AttachmentView[]>> {
  const byNeed = new Map<string, AttachmentView[]>();
  if (needIds.length === 0) return byNeed;
  const rows = await db()
    .select({ ...attachmentColumns, needId: attachments.needId })
    .from(attachments)
    .where(inArray(attachments.needId, needIds))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  for (const row of rows) byNeed.set(row.needId!, [...(byNeed.get(row.needId!) ?? []), attachmentView(row)]);
  return byNeed;
}

/** The fulfilment photos of a claim, oldest first. */
export async function attachmentsOfClaim(claimId: string): Promise<AttachmentView[]> {
  const rows = await db()
    .select(attachmentColumns)
    .from(attachments)
    .where(eq(attachments.claimId, claimId))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  return rows.map(attachmentView);
}

export interface OpenedAttachment {
  /** Absolute path of the stored file. */
  path: string;
  mimeType: string;
  bytes: number;
  /** Anyone may see it, so shared caches may keep it. */
  isPublic: boolean;
}

const needScopeColumns = {
  needId: needs.id,
  kind: needs.kind,
  status: needs.status,
  postedByUserId: needs.postedByUserId,
  beneficiaryUserId: needs.beneficiaryUserId,
  communityId: needs.communityId,
  streetId: communities.streetId,
};

/** The need an attachment belongs to, directly or through its claim. */
async function needOfAttachment(row: Pick<Attachment, "needId" | "claimId">) {
  if (row.needId) {
    const [need] = await db()
      .select(needScopeColumns)
      .from(needs)
      .innerJoin(communities, eq(communities.id, needs.communityId))
      .where(eq(needs.id, row.needId));
    return need ?? null;
  }
  if (row.claimId) {
    const [need] = await db()
      .select(needScopeColumns)
      .from(claims)
      .innerJoin(needs, eq(needs.id, claims.needId))
      .innerJoin(communities, eq(communities.id, needs.communityId))
      .where(eq(claims.id, row.claimId));
    return need ?? null;
  }
  return null;
}

/**
 * The stored file of an attachment, if this viewer may see it; not_found otherwise, so a private
 * photo's existence is not given away. A need's or claim's photo follows the need: public once the
 * need is, before that only for its poster or beneficiary, the community's staff and the claiming
 * organisation. Organisation logos are public.
 */
export async function openAttachmentFor(viewer: Viewer | null, id: string): Promise<OpenedAttachment> {
  const [row] = await db().select().from(attachments).where(eq(attachments.id, id));
  if (!row) throw notFound("attachment");

  let isPublic = !!row.organisationId;
  if (!isPublic) {
    const need = await needOfAttachment(row);
    if (!need) throw notFound("attachment");
    // A problem's photos may show faces or door numbers: public only those staff chose for the showcase.
    isPublic = isPublicStatus(need.status) && (need.kind !== "problem" || row.showcase);
    if (!isPublic && !(await mayViewPrivateNeed(viewer, need))) throw notFound("attachment");
  }

  const absolutePath = path.resolve(dataDir(), row.storagePath);
  // storagePath is written by storeImage only; refuse anything that would leave the data folder all the same.
  if (!absolutePath.startsWith(dataDir() + path.sep)) throw notFound("attachment");
  const stat = await fs.stat(absolutePath).catch(() => null);
  if (!stat?.isFile()) throw notFound("attachment");
  return { path: absolutePath, mimeType: row.mimeType, bytes: stat.size, isPublic };
}

async function mayViewPrivateNeed(
  viewer: Viewer | null,
  need: { needId: string; postedByUserId: string; beneficiaryUserId: string | null; communityId: string; streetId: string },
): Promise<boolean> {
  if (!viewer) return false;
  if (need.postedByUserId === viewer.id || need.beneficiaryUserId === viewer.id) return true;
  if (governsCommunity(viewer, { communityId: need.communityId, streetId: need.streetId })) return true;
  const holders = await db()
    .select({ organisationId: claims.organisationId })
    .from(claims)
    .where(and(eq(claims.needId, need.needId), inArray(claims.status, ["active", "fulfilled"])));
  return holders.some((h) => memberOf(viewer, h.organisationId));
}

/** The wish's own photos and the fulfilment photos of its claims (shown once the page is visible at all). */
export async function photosOfNeed(needId: string): Promise<{ wish: AttachmentView[]; fulfilment: AttachmentView[] }> {
  const claimRows = await db().select({ id: claims.id }).from(claims).where(eq(claims.needId, needId));
  const fulfilment = (await Promise.all(claimRows.map((c) => attachmentsOfClaim(c.id)))).flat();
  return { wish: await attachmentsOfNeed(needId), fulfilment };
}

/** The organisation's current logo: its most recent image. */
export async function logoOfOrganisation(organisationId: string): Promise<AttachmentView | null> {
  const [row] = await db()
    .select({ id: attachments.id, width: attachments.width, height: attachments.height })
    .from(attachments)
    .where(eq(attachments.organisationId, organisationId))
    .orderBy(desc(attachments.createdAt))
    .limit(1);
  return row ? { id: row.id, url: `/attachments/${row.id}`, width: row.width, height: row.height } : null;
}
