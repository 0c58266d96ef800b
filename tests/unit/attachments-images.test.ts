import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { AppError } from "~/lib/errors";
import { MAX_PHOTOS, normaliseImage, readImageUploads } from "~/modules/attachments/attachments.server";

function canvas(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } });
}

async function rejection(run: Promise<unknown>): Promise<AppError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("uploaded images", () => {
  it("a phone JPEG loses its EXIF (GPS position, camera, copyright) and comes out upright", async () => {
    const photo = await canvas(200, 100)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({
        IFD0: { Make: "PhoneCo", Copyright: "secret-marker" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "39/1 6/1 48/1", GPSLongitudeRef: "E", GPSLongitude: "117/1 16/1 0/1" },
      })
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>')
      .toBuffer();
    const before = await sharp(photo).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.includes("secret-marker")).toBe(true);
    expect(before.exif?.includes(Buffer.from([0x25, 0x88]))).toBe(true); // the GPS IFD pointer tag (0x8825)
    expect(before.xmp).toBeDefined();

    const out = await normaliseImage(photo);
    expect(out).toMatchObject({ mimeType: "image/jpeg", ext: "jpg", width: 100, height: 200 });
    const after = await sharp(out.bytes).metadata();
    expect(after.format).toBe("jpeg");
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.iptc).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect([after.width, after.height]).toEqual([100, 200]);
    expect(out.bytes.includes("secret-marker")).toBe(false);
    expect(out.bytes.includes("PhoneCo")).toBe(false);
  });

  it("PNG and WebP pass, in their own format", async () => {
    const png = await normaliseImage(await canvas(40, 30).png().toBuffer());
    expect(png).toMatchObject({ mimeType: "image/png", ext: "png", width: 40, height: 30 });
    expect((await sharp(png.bytes).metadata()).format).toBe("png");

    const webp = await normaliseImage(await canvas(30, 40).webp().toBuffer());
    expect(webp).toMatchObject({ mimeType: "image/webp", ext: "webp", width: 30, height: 40 });
    expect((await sharp(webp.bytes).metadata()).format).toBe("webp");
  });

  it("the type is read from the content, not from a name or a claimed MIME type", async () => {
    const gif = await canvas(10, 10).gif().toBuffer();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    const text = Buffer.from("this is photo.jpg, honestly");
    const truncated = (await canvas(300, 300).jpeg().toBuffer()).subarray(0, 200);
    for (const bytes of [gif, svg, text, truncated, new Uint8Array(0)]) {
      const error = await rejection(normaliseImage(bytes));
      expect(error.code).toBe("validation_failed");
      expect(error.fields).toEqual({ photos: "image_type" });
    }
  });

  it("more than 5 MB is refused before it is decoded", async () => {
    const error = await rejection(normaliseImage(new Uint8Array(5 * 1024 * 1024 + 1)));
    expect(error.code).toBe("validation_failed");
    expect(error.fields).toEqual({ photos: "image_too_large" });
  });

  it("a large photo is shrunk to fit within 2048 pixels, keeping its proportions; a small one is not enlarged", async () => {
    const big = await normaliseImage(await canvas(5000, 3000).jpeg().toBuffer());
    expect([big.width, big.height]).toEqual([2048, 1229]);
    const meta = await sharp(big.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([2048, 1229]);

    const small = await normaliseImage(await canvas(300, 200).png().toBuffer());
    expect([small.width, small.height]).toEqual([300, 200]);
  });
});

function formRequest(form: FormData) {
  return new Request("http://localhost/wishes/new", { method: "POST", body: form });
}

describe("reading a form with photos", () => {
  it("returns the text fields and the chosen photos; an empty file input and files under other names are ignored", async () => {
    const form = new FormData();
    form.set("title", "灯坏了");
    form.append("photos", new File([new Uint8Array([1, 2, 3])], "a.jpg", { type: "image/jpeg" }));
    form.append("photos", new File([], "", { type: "application/octet-stream" }));
    form.append("photos", new File([new Uint8Array([4, 5])], "b.png", { type: "image/png" }));
    form.append("other", new File([new Uint8Array([9])], "c.png"));
    const { fields, files } = await readImageUploads(formRequest(form));
    expect(fields).toEqual({ title: "灯坏了" });
    expect(files.map((f) => [...f])).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
  });

  it(`refuses more than ${MAX_PHOTOS} photos and a photo over 5 MB`, async () => {
    const many = new FormData();
    for (let i = 0; i <= MAX_PHOTOS; i++) many.append("photos", new File([new Uint8Array([i + 1])], `${i}.jpg`));
    const tooMany = await rejection(readImageUploads(formRequest(many)));
    expect(tooMany.fields).toEqual({ photos: "too_many_photos" });

    const big = new FormData();
    big.append("photos", new File([new Uint8Array(5 * 1024 * 1024 + 1)], "big.jpg"));
    const tooBig = await rejection(readImageUploads(formRequest(big)));
    expect(tooBig.fields).toEqual({ photos: "image_too_large" });
  });

  it("a form without files gives its fields and no photos", async () => {
    const request = new Request("http://localhost/wishes/new", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ title: "买菜", kind: "micro_wish" }),
    });
    expect(await readImageUploads(request)).toEqual({ fields: { title: "买菜", kind: "micro_wish" }, files: [] });
  });
});
