// Spreadsheet-safe cells, shared by every CSV/XLSX export (console results, dashboard tables,
// the review pack). A text cell that a spreadsheet would evaluate gets a leading apostrophe
// (OWASP "CSV injection": = + - @ tab CR); real numbers are never touched, so a negative amount
// stays a number.

export const CSV_BOM = '\uFEFF';

/** Text a spreadsheet would evaluate gets a leading ' (OWASP's list: = + - @ tab CR). */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One CSV field: quoted when it holds a comma, a quote, a line break or edge blanks. */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
