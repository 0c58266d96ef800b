// CSV files for spreadsheets (Excel first): shared by every export.
export type CsvValue = string | number | null | undefined;

/**
 * One CSV field. Numbers stay numbers; text that a spreadsheet would run as a formula (= + - @, or a
 * leading tab or carriage return) gets a leading apostrophe; fields with commas, quotes or line breaks are quoted.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole CSV file for spreadsheets: UTF-8 byte-order mark first (Excel reads Chinese right), CRLF line ends. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n")}\r\n`;
}

/** The HTTP answer carrying a CSV file. */
export function csvResponse(body: string, fileName: string): Response {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${fileName}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
