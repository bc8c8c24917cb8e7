// Personal data in query results (product.md: masked on screen and in every export unless the
// user unmasks it). Columns are recognised by name, from the `pii` flags of the schema; free
// text is also scanned for mobile numbers and ID-card numbers, because a caller's number often
// sits inside the ticket's content and because a renamed column (`caller_phone AS p`) would
// otherwise slip through.
import { TABLES } from '$lib/schema';

const PERSONAL_COLUMNS: ReadonlySet<string> = new Set(
  Object.values(TABLES).flatMap((table) => table.columns.filter((c) => c.pii).map((c) => c.name)),
);

export function isPersonalColumn(name: string): boolean {
  return PERSONAL_COLUMNS.has(name.toLowerCase());
}

/** 张三丰 → 张**; a single character becomes *. Counted in code points, not UTF-16 units. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.length ? '*' : '';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/**
 * 13812341234 → 138****1234: the first three and last four digits stay, so a number can still be
 * told apart from another; separators stay where they were. Short numbers are hidden entirely.
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').length;
  if (digits < 7) return phone.replace(/\d/g, '*');
  let seen = 0;
  return phone.replace(/\d/g, (d) => {
    const index = seen++;
    return index < 3 || index >= digits - 4 ? d : '*';
  });
}

// Digits on either side mean a longer number (an id, an amount): not a phone, leave it.
const MOBILE = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;
const ID_CARD = /(?<![\dXx])(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])/g;

/** Mobile and ID-card numbers inside free text. */
export function maskFreeText(text: string): string {
  return text.replace(ID_CARD, '$1********$2').replace(MOBILE, '$1****$2');
}

/** Identifier columns hold codes that may look like phone numbers but are not personal. */
function isIdentifierColumn(name: string): boolean {
  return /(^|_)(id|code|no)$|编号|代码/i.test(name);
}

export interface MaskableColumn {
  name: string;
  kind: string;
  personal: boolean;
}

/** The text to show or export for a text cell, masked when `masked`. */
export function maskText(column: MaskableColumn, text: string, masked: boolean): string {
  if (!masked) return text;
  if (column.personal) return /phone|tel|mobile/i.test(column.name) ? maskPhone(text) : maskName(text);
  if (isIdentifierColumn(column.name)) return text;
  return maskFreeText(text);
}
