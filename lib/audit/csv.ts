// RFC 4180 CSV: fields with a comma, a double quote, CR or LF are quoted and their quotes doubled; lines end in CRLF.
// A text field that a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or CR: a release version
// "=1+1", an actor's name "@SUM(...)") gets a leading apostrophe, as OWASP recommends for CSV injection: the
// spreadsheet shows it as text. Numbers and booleans are never formulas and stay as they are.
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  const raw = value === null || value === undefined ? "" : String(value);
  const text = typeof value === "string" && FORMULA_START.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(header: string[], rows: CsvValue[][]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}
