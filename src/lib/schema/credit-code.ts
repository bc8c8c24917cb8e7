// The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters over a 31-symbol
// alphabet (digits and capitals without I, O, S, V, Z), the last being a check character over the
// first 17. The importer flags codes whose check fails; the sample generator makes valid ones.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const valueOf = new Map<string, number>();
for (let i = 0; i < ALPHABET.length; i++) valueOf.set(ALPHABET[i], i);

/** The check character for the first 17 characters of a code; throws if they are malformed. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error(`a credit code body has 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = valueOf.get(first17[i]);
    if (v === undefined) throw new Error(`'${first17[i]}' is not a credit-code character`);
    sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/** True for an 18-character code whose check character matches; exact upper case required. */
export function creditCodeIsValid(code: string): boolean {
  if (code.length !== 18) return false;
  for (let i = 0; i < 18; i++) if (!valueOf.has(code[i])) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}
