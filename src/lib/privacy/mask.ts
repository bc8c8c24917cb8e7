// How each kind of personal data is masked (product.md: masked by default on screen, in the
// console and in every export; unmasking is an explicit, visible choice). One set of rules for
// every reader, so a name or a phone number looks the same wherever it appears.

/** What a personal value is: it decides how it is masked. */
export type PersonalKind = 'name' | 'phone' | 'address' | 'id-number' | 'free-text';

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

/** 110101199003071234 → 110101********1234 (15-digit ids keep 6 and 3). */
export function maskIdNumber(id: string): string {
  const text = id.trim();
  if (/^\d{17}[\dXx]$/.test(text)) return `${text.slice(0, 6)}********${text.slice(14)}`;
  if (/^\d{15}$/.test(text)) return `${text.slice(0, 6)}******${text.slice(12)}`;
  return text.replace(/[\dXx]/g, '*');
}

// A house, building, unit, room or lot number: the part of an address that points at one door.
const DOOR = /\d+(?:[-－—]\d+)*[ \t]*(?=[号栋幢座单元楼室户弄])|(?<=[第])\d+/g;

/**
 * 海门街道人民路 88 号 3 栋 502 室 → 海门街道人民路 ** 号 * 栋 *** 室: the street and the area stay
 * (they are what an assessment groups by), the numbers that find one household do not.
 */
export function maskAddress(address: string): string {
  return address.replace(DOOR, (n) => n.replace(/\d/g, '*'));
}

// Numbers that identify a person inside free text. Digits (or a letter X) on either side mean a
// longer number — an amount, a ticket id — which is left alone. The same rules exist as SQL
// macros (sql.ts) for the console's masked views; a test holds the two to the same output.
const ID_18 = /(?<![\dXx])(\d{6})\d{8}(\d{3}[\dXx])(?![\dXx])/g;
const ID_15 = /(?<!\d)(\d{6})\d{6}(\d{3})(?!\d)/g;
/** Mobiles, also written +86 138-1234-5678, 86 138 1234 5678 or 138 1234 5678: the middle four go. */
const MOBILE = /(?<![\d+])((?:\+?86[ \t-]?)?1[3-9]\d)([ \t-]?)(\d{4})([ \t-]?)(\d{4})(?!\d)/g;
/** Landlines with an area code: 0513-8123 4567, (0513)81234567, 010-12345678. */
const LANDLINE = /(?<!\d)(\(?0\d{2,3}\)?[ \t-]?)(\d{3,4})([ \t-]?)(\d{4})(?!\d)/g;

/** Mobile, landline and ID-card numbers inside free text; everything else stays readable. */
export function maskFreeText(text: string): string {
  return text
    .replace(ID_18, '$1********$2')
    .replace(ID_15, '$1******$2')
    .replace(MOBILE, '$1$2****$4$5')
    .replace(LANDLINE, (_: string, area: string, middle: string, gap: string, last: string) => `${area}${'*'.repeat(middle.length)}${gap}${last}`);
}

/** Kinds that point straight at one person: never searchable while masked. */
export function identifiesPerson(kind: PersonalKind | null | undefined): boolean {
  return kind === 'name' || kind === 'phone' || kind === 'id-number';
}

/** A personal value of a known kind, masked. */
export function maskPersonal(kind: PersonalKind, text: string): string {
  switch (kind) {
    case 'name':
      return maskName(text);
    case 'phone':
      return maskPhone(text);
    case 'address':
      return maskFreeText(maskAddress(text));
    case 'id-number':
      return maskIdNumber(text);
    case 'free-text':
      return maskFreeText(text);
  }
}
