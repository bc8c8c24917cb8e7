// Which columns hold personal data, from the schema's `pii` kinds, and the one rule every reader
// applies to a text cell: a personal column masked by its kind; an identifier left alone; any
// other text scanned for phone and ID numbers (a caller's number often sits in the complaint).
import { TABLES } from '$lib/schema';
import { maskFreeText, maskPersonal, type PersonalKind } from './mask';

const KINDS: ReadonlyMap<string, PersonalKind> = new Map(
  Object.values(TABLES).flatMap((table) => table.columns.filter((c) => c.pii).map((c) => [c.name, c.pii as PersonalKind] as const)),
);

/** The kind of personal data a canonical column holds, or null. */
export function personalKindOf(column: string): PersonalKind | null {
  return KINDS.get(column.toLowerCase()) ?? null;
}

/** Identifier columns hold codes that may look like phone numbers but are not personal. */
function isIdentifierColumn(name: string): boolean {
  return /(^|_)(id|code|no)$|编号|代码/i.test(name);
}

export interface MaskableColumn {
  name: string;
  /** What the column holds, when it is personal. */
  pii?: PersonalKind | null;
}

/** The text to show or export for a text cell, masked when `masked`. */
export function maskCell(column: MaskableColumn, text: string, masked: boolean): string {
  if (!masked) return text;
  if (column.pii) return maskPersonal(column.pii, text);
  if (isIdentifierColumn(column.name)) return text;
  return maskFreeText(text);
}
