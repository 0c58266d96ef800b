import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  certificateNumber,
  entriesDigest,
  publicCertificate,
  readCertificateCode,
  signCertificateCode,
  summariseApprovedEntries,
  type ApprovedEntryRow,
  type CertificateIdentity,
} from "~/modules/ledger/certificates.server";
import { csvField, ExportRangeQuery, exportFileName, toCsv } from "~/modules/ledger/exports.server";
import { tianjinClockTime, tianjinDate } from "~/lib/tianjin-time";

describe("CSV for spreadsheets", () => {
  it("starts with the byte-order mark and ends every line with CRLF", () => {
    const csv = toCsv(["日期", "志愿者"], [["2026-03-01", "林欣怡"]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe("\uFEFF日期,志愿者\r\n2026-03-01,林欣怡\r\n");
  });

  it("quotes fields with commas, quotes and line breaks, doubling the quotes", () => {
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('他说"好"')).toBe('"他说""好"""');
    expect(csvField("一行\n两行")).toBe('"一行\n两行"');
    expect(csvField("x\r\ny")).toBe('"x\r\ny"');
    expect(csvField("plain 文本")).toBe("plain 文本");
  });

  it("neutralises text a spreadsheet would run as a formula", () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvField("+1+1")).toBe("'+1+1");
    expect(csvField("-2+3")).toBe("'-2+3");
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("\tcmd")).toBe("'\tcmd");
    expect(csvField("=1,2")).toBe(`"'=1,2"`);
  });

  it("keeps numbers (negative reversals included) as numbers, and empty for null", () => {
    expect(csvField(-120)).toBe("-120");
    expect(csvField(0)).toBe("0");
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
  });

  it("accepts an optional, inclusive date range and refuses bad dates", () => {
    expect(ExportRangeQuery.parse({})).toEqual({});
    expect(ExportRangeQuery.parse({ from: "", to: "2026-03-31" })).toEqual({ to: "2026-03-31" });
    expect(ExportRangeQuery.safeParse({ from: "2026-02-30" }).success).toBe(false);
    expect(ExportRangeQuery.safeParse({ from: "yesterday" }).success).toBe(false);
    expect(ExportRangeQuery.safeParse({ from: "2026-04-01", to: "2026-03-01" }).success).toBe(false);
  });

  it("names the download after the sheet and the range", () => {
    const today = new Date("2026-11-23T20:00:00Z"); // already the 24th in Tianjin
    expect(exportFileName("hours", {}, today)).toBe("linli-hours-2026-11-24.csv");
    expect(exportFileName("totals", { from: "2026-01-01" }, today)).toBe("linli-totals-2026-01-01_2026-11-24.csv");
  });
});

const SECRET = "unit-test-secret";
const identity: CertificateIdentity = {
  volunteerId: "0f8e4a3c-1b2d-4c5e-8f90-a1b2c3d4e5f6",
  issuedAt: new Date("2026-11-23T04:05:06.789Z"),
  totalApprovedMinutes: 1234,
  entriesDigest: entriesDigest(["b", "a", "c"]),
};

describe("certificate codes", () => {
  it("round-trip: a signed code reads back the identity it was made from", () => {
    const code = signCertificateCode(identity, SECRET);
    expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(readCertificateCode(code, SECRET)).toEqual(identity);
  });

  it("digests entry ids whatever their order, and tells different sets apart", () => {
    expect(entriesDigest(["a", "b", "c"])).toBe(identity.entriesDigest);
    expect(entriesDigest(["a", "b"])).not.toBe(identity.entriesDigest);
  });

  it("refuses a tampered code: any changed character, another secret, or junk", () => {
    const code = signCertificateCode(identity, SECRET);
    for (const position of [0, 10, 30, 60, code.length - 2]) {
      const swapped = code[position] === "A" ? "B" : "A";
      expect(readCertificateCode(code.slice(0, position) + swapped + code.slice(position + 1), SECRET)).toBeNull();
    }
    expect(readCertificateCode(code, "another-secret")).toBeNull();
    expect(readCertificateCode(code.slice(0, -1), SECRET)).toBeNull();
    expect(readCertificateCode(`${code}A`, SECRET)).toBeNull();
    expect(readCertificateCode("code", SECRET)).toBeNull();
    expect(readCertificateCode("", SECRET)).toBeNull();
    expect(readCertificateCode("a.b", SECRET)).toBeNull();
    expect(readCertificateCode(undefined, SECRET)).toBeNull();
  });

  it("carries totals beyond 32 bits (2.4 billion minutes) exactly, and refuses what is not a safe integer", () => {
    const big = { ...identity, totalApprovedMinutes: 2_400_000_000 };
    expect(readCertificateCode(signCertificateCode(big, SECRET), SECRET)).toEqual(big);
    const huge = { ...identity, totalApprovedMinutes: Number.MAX_SAFE_INTEGER };
    expect(readCertificateCode(signCertificateCode(huge, SECRET), SECRET)).toEqual(huge);
    expect(() => signCertificateCode({ ...identity, totalApprovedMinutes: 2 ** 60 }, SECRET)).toThrow(RangeError);
  });

  it("still reads codes of the first version (a 32-bit total), issued before", () => {
    // Version 1 as it was written: version · volunteer · instant · int32 total · digest, then the HMAC.
    const body = Buffer.alloc(1 + 16 + 6 + 4 + 16);
    body.writeUInt8(1, 0);
    Buffer.from(identity.volunteerId.replace(/-/g, ""), "hex").copy(body, 1);
    body.writeUIntBE(identity.issuedAt.getTime(), 17, 6);
    body.writeInt32BE(identity.totalApprovedMinutes, 23);
    Buffer.from(identity.entriesDigest, "hex").copy(body, 27);
    const signature = createHmac("sha256", SECRET).update("linli:certificate:v1\0").update(body).digest();
    const v1 = Buffer.concat([body, signature]).toString("base64url");
    expect(readCertificateCode(v1, SECRET)).toEqual(identity);
    expect(readCertificateCode(v1, "another-secret")).toBeNull();
    expect(signCertificateCode(identity, SECRET)).not.toBe(v1);
  });

  it("refuses a code re-signed with more minutes by someone without the secret", () => {
    const forged = signCertificateCode({ ...identity, totalApprovedMinutes: 99_999 }, "guessed");
    expect(readCertificateCode(forged, SECRET)).toBeNull();
  });

  it("derives a readable number LL-<year>-XXXXXXXX from the code, in Tianjin's year", () => {
    const code = signCertificateCode(identity, SECRET);
    const number = certificateNumber(code, identity.issuedAt);
    expect(number).toMatch(/^LL-2026-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(certificateNumber(code, identity.issuedAt)).toBe(number);
    expect(certificateNumber(`${code}x`, identity.issuedAt)).not.toBe(number);
    expect(certificateNumber(code, new Date("2026-12-31T16:30:00Z"))).toMatch(/^LL-2027-/);
  });

  it("writes dates and times in Tianjin time", () => {
    expect(tianjinDate(new Date("2026-03-01T17:30:00Z"))).toBe("2026-03-02");
    expect(tianjinClockTime(new Date("2026-03-01T17:30:00Z"))).toBe("01:30");
  });
});

describe("certificate content", () => {
  const row = (id: string, minutes: number, extra: Partial<ApprovedEntryRow> = {}): ApprovedEntryRow => ({
    id,
    kind: "attendance",
    minutes,
    reversesId: null,
    activityId: `activity-${id}`,
    title: "环境清整",
    organiser: "东新街道志愿服务队",
    startsAt: new Date("2026-03-01T01:00:00Z"),
    endsAt: new Date("2026-03-01T03:00:00Z"),
    ...extra,
  });

  it("sums reversals negative and lists only entries still standing", () => {
    const summary = summariseApprovedEntries([
      row("e1", 120),
      row("e2", 90, { organiser: "沙柳北路社区" }),
      row("r2", -90, { kind: "reversal", reversesId: "e2" }),
      row("c2", 60, { kind: "correction", organiser: "沙柳北路社区" }),
    ]);
    expect(summary.totalApprovedMinutes).toBe(180);
    expect(summary.activities.map((a) => a.entryId)).toEqual(["e1", "c2"]);
    expect(summary.activities[0]).toMatchObject({ date: "2026-03-01", startTime: "09:00", endTime: "11:00", minutes: 120 });
    expect(summary.organisations).toEqual(["东新街道志愿服务队", "沙柳北路社区"]);
    expect(summary.entriesDigest).toBe(entriesDigest(["e1", "e2", "r2", "c2"]));
  });

  it("shows the verifier only the name as printed (to match the person), dates, titles, organisers and hours", () => {
    const summary = summariseApprovedEntries([row("e1", 120)]);
    const view = publicCertificate({
      number: "LL-2026-ABCDEFGH",
      code: "secret-ish",
      volunteerName: "林欣怡",
      totalApprovedMinutes: summary.totalApprovedMinutes,
      issuedOn: "2026-11-23",
      issuedAt: "2026-11-23T04:00:00.000Z",
      activities: summary.activities,
      organisations: summary.organisations,
    });
    expect(view.volunteerName).toBe("林欣怡");
    const text = JSON.stringify(view);
    expect(text).not.toContain("secret-ish");
    expect(text).not.toContain("2026-11-23T04:00");
    expect(text).not.toContain("e1");
    expect(view.activities[0]).toEqual({ title: "环境清整", organiser: "东新街道志愿服务队", date: "2026-03-01", minutes: 120 });
  });
});
