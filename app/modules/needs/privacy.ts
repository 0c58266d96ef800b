// What a public page may show of a person: the surname, masked (刘大爷 → 刘**).
export function maskName(name: string | null | undefined): string {
  const trimmed = (name ?? "").trim();
  if (!trimmed) return "**";
  const first = Array.from(trimmed)[0] ?? "";
  // Latin names: keep the first letter only.
  return `${first}**`;
}

// Contact details typed into free text are found on a normalised copy of the text, so that the way they
// are written does not matter: full-width digits and signs (１３９, ＠, ．) read as ASCII, every dash as
// "-", every space as " ", and zero-width or direction characters as separators. Each character of the
// copy remembers where it came from, and the matches are cut out of the original text.

// Dashes and minus signs of every kind, including the full-width and small forms.
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/;
// Invisible characters someone may slip between digits (zero-width, direction marks and controls).
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

interface Normalised {
  text: string;
  /** For each UTF-16 unit of `text`: the [start, end) of the original code point it came from. */
  from: [number, number][];
}

function normalise(original: string): Normalised {
  let text = "";
  const from: [number, number][] = [];
  let index = 0;
  for (const char of original) {
    const start = index;
    index += char.length;
    let mapped: string;
    if (DASHES.test(char)) mapped = "-";
    else if (INVISIBLE.test(char)) mapped = " ";
    else if (/\s/.test(char)) mapped = " ";
    else {
      // Full-width forms (U+FF01–U+FF5E) and other compatibility characters; a character that NFKC
      // expands into several (㎏ → kg) is kept as it was, so positions stay one to one.
      const nfkc = char.normalize("NFKC");
      mapped = nfkc.length === 1 ? nfkc : char;
    }
    for (let unit = 0; unit < mapped.length; unit++) from.push([start, index]);
    text += mapped;
  }
  return { text, from };
}

// What may stand between two digits of one number: spaces, dots, dashes, slashes, underscores, middle
// dots, commas and brackets, up to three of them (so "139  2345  6789" and "1 3 9 …" are one number).
const GAP = String.raw`[\s.\-_/\\·•,，、。()（）]{0,3}`;
const digits = (count: number) => String.raw`\d(?:${GAP}\d){${count - 1}}`;

const CONTACT_PATTERNS: RegExp[] = [
  // Resident ID cards: 17 digits and a check character (a digit or X).
  new RegExp(String.raw`(?<![\dA-Za-z])${digits(17)}${GAP}[\dXx](?![\dA-Za-z])`, "g"),
  // Mobile numbers, with or without +86 / 0086: 1, then 3–9, then nine digits.
  new RegExp(String.raw`(?<!\d)(?:(?:\+|00)\s*86${GAP})?\(?\s*1${GAP}[3-9](?:${GAP}\d){9}(?!\d)`, "g"),
  // Landlines with an area code: 022-23456789, (022)2345 6789, 0315 1234567, +86 22 2345 6789.
  new RegExp(
    String.raw`(?:(?:\+|00)\s*86${GAP}[1-9]\d{1,2}|(?<!\d)\(?\s*0${GAP}[1-9](?:${GAP}\d){1,2}\s*\)?)${GAP}[1-9](?:${GAP}\d){6,7}(?!\d)`,
    "g",
  ),
  // Local numbers without an area code, written as one run: 23456789.
  /(?<!\d)\d{7,8}(?!\d)/g,
  // E-mail addresses, spaces around "@" and "." included.
  /[A-Za-z0-9._%+-]+\s*@\s*[A-Za-z0-9-]+(?:\s*\.\s*[A-Za-z0-9-]+)*\s*\.\s*[A-Za-z]{2,}/g,
];

/** The [start, end) spans of the original text that are contact details, merged and in order. */
export function contactDetailSpans(text: string): [number, number][] {
  const { text: normalised, from } = normalise(text);
  const spans: [number, number][] = [];
  for (const pattern of CONTACT_PATTERNS) {
    pattern.lastIndex = 0;
    for (const match of normalised.matchAll(pattern)) {
      const start = match.index;
      let end = start + match[0].length;
      // A separator the pattern swallowed at the end ("(022)…" aside) is not part of the number.
      while (end > start && /[\s.\-_/,，、。]/.test(normalised[end - 1]!)) end--;
      if (end > start) spans.push([from[start]![0], from[end - 1]![1]]);
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

function replaceSpans(text: string, replacement: string): string {
  const spans = contactDetailSpans(text);
  if (!spans.length) return text;
  let out = "";
  let at = 0;
  for (const [start, end] of spans) {
    out += text.slice(at, start) + replacement;
    at = end;
  }
  return out + text.slice(at);
}

/** What stands in public text where a phone number, ID-card number or e-mail address was. */
export const REDACTED = "***";

/** Removes phone numbers, ID-card numbers and e-mail addresses a resident typed into free text. */
export function redactContactDetails(text: string): string {
  return replaceSpans(text, REDACTED);
}

/**
 * A search keyword without any contact detail in it: searching for a phone number must find nothing a
 * public page would not show. The keyword is then matched against redacted text only.
 */
export function searchableKeyword(q: string): string {
  return replaceSpans(q, " ").replace(/\*+/g, " ").replace(/\s+/g, " ").trim();
}
