import { describe, expect, it } from 'vitest';
import { INVALID, isScientificNotation, parseBoolean, parseId, parseInteger, parseTimestamp } from '$lib/import';
import { booleanWordsOf } from '$lib/import/cell-coerce';

const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h, mi, s);

describe('timestamps: every form of data-model.md, as naive local time', () => {
  it.each([
    ['2024-01-05 13:05:00', at(2024, 1, 5, 13, 5)],
    ['2024/1/5 13:05', at(2024, 1, 5, 13, 5)],
    ['2024年1月5日 13时05分', at(2024, 1, 5, 13, 5)],
    ['2024年1月5日13时05分30秒', at(2024, 1, 5, 13, 5, 30)],
    ['2024年01月05日 13:05', at(2024, 1, 5, 13, 5)],
    ['20240105130500', at(2024, 1, 5, 13, 5)],
    ['202401051305', at(2024, 1, 5, 13, 5)],
    ['20240105', at(2024, 1, 5)],
    ['2024-01-05T13:05:00', at(2024, 1, 5, 13, 5)],
    ['2024-01-05T13:05:00.250', at(2024, 1, 5, 13, 5) + 250],
    ['2024-01-05', at(2024, 1, 5)],
    ['2024-1-5', at(2024, 1, 5)],
    ['2024.01.05', at(2024, 1, 5)],
    ['2024/01/05 8:05', at(2024, 1, 5, 8, 5)],
    ['2024年1月5日', at(2024, 1, 5)],
    [' 2024-01-05 13:05 ', at(2024, 1, 5, 13, 5)],
    ['２０２４－０１－０５', at(2024, 1, 5)],
    ['45296', at(2024, 1, 5)],
    ['45296.5451388889', at(2024, 1, 5, 13, 5)],
    [45296.5451388889, at(2024, 1, 5, 13, 5)],
    [45296, at(2024, 1, 5)],
    [20240105, at(2024, 1, 5)],
    [{ date: at(2024, 1, 5, 13, 5) }, at(2024, 1, 5, 13, 5)],
  ])('%j', (input, expected) => {
    expect(parseTimestamp(input)).toEqual({ value: expected, zoneIgnored: false });
  });

  it.each(['2024-01-05T13:05:00Z', '2024-01-05T13:05:00+08:00', '2024-01-05 13:05:00 +0800'])(
    'ignores the zone of %j and says so',
    (input) => {
      expect(parseTimestamp(input)).toEqual({ value: at(2024, 1, 5, 13, 5), zoneIgnored: true });
    },
  );

  it.each([null, '', '  ', '-', '/', 'NULL', '无'])('reads %j as missing', (input) => {
    expect(parseTimestamp(input).value).toBeNull();
  });

  it.each(['2024-02-30', '2023-02-29 10:00', '2024-13-01', '2024-01-05 24:00', '2024-01-05 13:60', '20240230', 'yesterday', '2024', '3', '1.2024E+17', '0001-01-01'])(
    'rejects the impossible or unreadable %j',
    (input) => {
      expect(parseTimestamp(input).value).toBe(INVALID);
    },
  );

  it('accepts 29 February in a leap year', () => {
    expect(parseTimestamp('2024-02-29').value).toBe(at(2024, 2, 29));
  });

  it('does not depend on the machine time zone', () => {
    // vitest pins TZ=Asia/Shanghai; a Date-based parser would shift this by 8 hours.
    expect(new Date(parseTimestamp('2024-01-05 00:30').value as number).toISOString()).toBe('2024-01-05T00:30:00.000Z');
  });
});

describe('booleans', () => {
  it.each([
    ['是', true], ['否', false], ['Y', true], ['n', false], ['1', true], ['0', false], ['true', true], ['FALSE', false],
    ['√', true], ['×', false], ['已解决', true], ['未解决', false], ['', null], [null, null], [1, true], [0, false], [true, true],
  ])('%j → %j', (input, expected) => {
    expect(parseBoolean(input)).toBe(expected);
  });

  it('reports what it cannot read', () => {
    expect(parseBoolean('也许')).toBe(INVALID);
    expect(parseBoolean(2)).toBe(INVALID);
  });
});

describe('integers', () => {
  it.each([
    ['3', 3], [' 3 ', 3], ['1.0', 1], ['１２', 12], ['1,234', 1234], [7, 7], ['', null], [null, null], ['-2', -2],
  ])('%j → %j', (input, expected) => {
    expect(parseInteger(input)).toBe(expected);
  });

  it.each(['1.5', 'two', '两次', 1.5, '99999999999'])('rejects %j', (input) => {
    expect(parseInteger(input)).toBe(INVALID);
  });
});

describe('ids', () => {
  it('keeps ids as text, trimmed', () => {
    expect(parseId(' HM2024010001 ')).toEqual({ value: 'HM2024010001', damaged: false });
    expect(parseId('0012')).toEqual({ value: '0012', damaged: false });
  });

  it('writes a number that holds the id exactly back in full', () => {
    expect(parseId(202406000004)).toEqual({ value: '202406000004', damaged: false });
  });

  it('flags scientific notation and numbers too large to be exact as damaged', () => {
    expect(parseId('1.2024E+17')).toMatchObject({ damaged: true });
    expect(parseId(1.2024e17)).toMatchObject({ damaged: true });
    expect(isScientificNotation('1.20240105E+17')).toBe(true);
    expect(isScientificNotation('E2024')).toBe(false);
  });
});

describe('booleanWordsOf: a yes/no column held as values only when its text can be given back', () => {
  it('takes one word for yes and one for no, in any order, or either alone', () => {
    expect(booleanWordsOf(['否', '是'])).toEqual({ yes: '是', no: '否' });
    expect(booleanWordsOf(['Y'])).toEqual({ yes: 'Y', no: null });
    expect(booleanWordsOf([' 是'])).toEqual({ yes: ' 是', no: null });
    expect(booleanWordsOf([])).toEqual({ yes: null, no: null });
  });

  it('refuses a second word for the same value, a word that is no value (无), and one that is not yes/no', () => {
    expect(booleanWordsOf(['是', 'Y'])).toBeNull();
    expect(booleanWordsOf(['否', '0'])).toBeNull();
    expect(booleanWordsOf(['是', '无'])).toBeNull();
    expect(booleanWordsOf(['是', '也许'])).toBeNull();
  });
});
