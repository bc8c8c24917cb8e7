import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeIsValid } from '$lib/schema/credit-code';

// Character values: 0–9 are themselves, then A10 B11 C12 D13 E14 F15 G16 H17 J18 K19 L20 M21 N22
// P23 Q24 R25 T26 U27 W28 X29 Y30. Weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.
describe('unified social credit code check (GB 32100-2015)', () => {
  it('accepts a published code', () => {
    // 91350100M000100Y4: 9·1 + 1·3 + 3·9 + 5·27 + 1·26 + M21·20 + 1·8 + Y30·30 + 4·28
    //   = 9 + 3 + 27 + 135 + 26 + 420 + 8 + 900 + 112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3.
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(creditCodeIsValid('91350100M000100Y43')).toBe(true);
  });

  it('computes hand-worked check characters', () => {
    // Only the last body character set: 1·28 = 28; 31 − 28 = 3.
    expect(creditCodeCheckChar('00000000000000001')).toBe('3');
    // Only the first: 1·1 = 1; 31 − 1 = 30 → Y.
    expect(creditCodeCheckChar('10000000000000000')).toBe('Y');
    // 1·1 + A10·3 = 31 ≡ 0; 31 − 0 = 31, which wraps to 0.
    expect(creditCodeCheckChar('1A000000000000000')).toBe('0');
    expect(creditCodeIsValid('1A0000000000000000')).toBe(true);
  });

  it('rejects wrong check characters, bad alphabet, case and length', () => {
    expect(creditCodeIsValid('91350100M000100Y44')).toBe(false);
    expect(creditCodeIsValid('91350100m000100y43')).toBe(false);
    // I, O, S, V and Z are not in the alphabet, not even as the check character.
    expect(creditCodeIsValid('91350100I000100Y43')).toBe(false);
    expect(creditCodeIsValid('91350100M000100Y4')).toBe(false);
    expect(creditCodeIsValid('91350100M000100Y430')).toBe(false);
    expect(creditCodeIsValid('')).toBe(false);
    expect(() => creditCodeCheckChar('91350100M000100YO')).toThrow();
  });
});
