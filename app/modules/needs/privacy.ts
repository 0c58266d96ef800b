// What a public page may show of a person: the surname, masked (刘大爷 → 刘**).
export function maskName(name: string | null | undefined): string {
  const trimmed = (name ?? "").trim();
  if (!trimmed) return "**";
  const first = Array.from(trimmed)[0] ?? "";
  // Latin names: keep the first letter only.
  return `${first}**`;
}

// Mobile numbers (with or without +86, spaces or dashes) and landlines like 022-2345 6789.
const PHONE_PATTERN = /(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}|0\d{2,3}[\s-]?\d{7,8}|(?<!\d)\d{7,8}(?!\d)/g;
const EMAIL_PATTERN = /[^\s@，。；、]+@[^\s@，。；、]+\.[a-zA-Z]{2,}/g;

/** What stands in public text where a phone number or e-mail address was. */
export const REDACTED = "***";

/** Removes phone numbers and e-mail addresses a resident typed into free text. */
export function redactContactDetails(text: string): string {
  return text.replace(PHONE_PATTERN, REDACTED).replace(EMAIL_PATTERN, REDACTED);
}
