// The number a wish or a problem report gives to reach the resident: a claimer must be able to call it.
import { describe, expect, it } from "vitest";
import { NeedInput } from "~/modules/needs/needs.schema";
import { ProblemInput } from "~/modules/problems/problems.schema";

const communityId = "00000000-0000-4000-8000-000000000001";
const wish = (fields: Record<string, unknown>) => NeedInput.safeParse({ kind: "micro_wish", title: "楼道灯坏了", communityId, ...fields });
const problem = (fields: Record<string, unknown>) =>
  ProblemInput.safeParse({ kind: "problem", title: "井盖破损", problemType: "manhole", communityId, location: "6号楼前", ...fields });
const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.success ? [] : result.error!.issues.map((i) => `${i.path.join(".")}:${i.message}`);

describe("a contact phone", () => {
  it.each(["13912345678", "139 1234 5678", "+86 139-1234-5678", "022-23456789", "02223456789", "2345 6789", "0316-1234567"])(
    "takes %s (a mobile, or a fixed line with or without its area code)",
    (phone) => {
      expect(issues(wish({ contactPhone: phone }))).toEqual([]);
      expect(issues(wish({ onBehalfOf: { name: "王奶奶", phone, consent: true } }))).toEqual([]);
      expect(issues(problem({ onBehalfOf: { name: "王奶奶", phone, consent: true } }))).toEqual([]);
    },
  );

  it.each(["12345", "1381234", "23912345678", "139123456789", "电话13912345678", "000", "13912345678 转 8"])(
    "refuses %s field by field, as contact_phone_invalid",
    (phone) => {
      expect(issues(wish({ contactPhone: phone }))).toEqual(["contactPhone:contact_phone_invalid"]);
      expect(issues(wish({ onBehalfOf: { name: "王奶奶", phone, consent: true } }))).toEqual(["onBehalfOf.phone:contact_phone_invalid"]);
      expect(issues(problem({ contactPhone: phone }))).toEqual(["contactPhone:contact_phone_invalid"]);
    },
  );

  it("is optional, and stored as digits only", () => {
    expect(issues(wish({ contactPhone: "  " }))).toEqual([]);
    const parsed = NeedInput.parse({ kind: "micro_wish", title: "t", communityId, contactPhone: "+86 139-1234-5678" });
    expect(parsed.contactPhone).toBe("13912345678");
    expect(NeedInput.parse({ kind: "micro_wish", title: "t", communityId, contactPhone: "" }).contactPhone).toBeUndefined();
  });
});
