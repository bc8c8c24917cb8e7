// Property-based tests (fast-check) for the readers that take what a user hands us: the CSV
// reader, the address filter parser and the findings import. On generated malformed input each
// one ends — in a result or in its own typed refusal — never in an uncaught error, and within a
// bounded time; a refusal happens before anything is stored (the callers store only a result).
// Seeds are fixed so a failure reproduces; runs are sized to take seconds.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CsvParser, ImportError, parseCsv, parseImport } from '$lib/import';
import { MAX_FILTER_VALUES, filterQueryLimits, formatFilterQuery, parseFilterQuery } from '$lib/filters';
import { FindingsFileError, findingsToJson, findingsToXlsx, readFindingsFile, type Finding } from '$lib/review';

const SEED = 20261203;
/** Per generated input: far above what any of these takes, far below a hang. */
const BOUND_MS = 2000;

/** Text made of what breaks CSV readers: quotes, delimiters, CR/LF, NUL, BOM, CJK, lone surrogates. */
const csvText = fc
  .array(fc.constantFrom('"', ',', '\t', ';', '|', '\r', '\n', '\r\n', '\0', '\uFEFF', 'a', '工单', ' ', '""', '\uD800', '=1+1', 'x'.repeat(50)), { maxLength: 200 })
  .map((parts) => parts.join(''));

async function timed<T>(run: () => Promise<T> | T): Promise<{ value: T | undefined; error: unknown; ms: number }> {
  const t0 = performance.now();
  try {
    const value = await run();
    return { value, error: undefined, ms: performance.now() - t0 };
  } catch (error) {
    return { value: undefined, error, ms: performance.now() - t0 };
  }
}

describe('the CSV reader on malformed text', () => {
  it('never throws, and reads the same records however the text is cut into chunks', () => {
    fc.assert(
      fc.property(csvText, fc.array(fc.nat(), { maxLength: 8 }), fc.constantFrom(',' as const, '\t' as const, ';' as const, '|' as const), (text, cuts, delimiter) => {
        const whole = parseCsv(text, delimiter);
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const parser = new CsvParser(delimiter);
        const records = [];
        let from = 0;
        for (const p of [...points, text.length]) {
          records.push(...parser.push(text.slice(from, p)));
          from = p;
        }
        records.push(...parser.end());
        expect(records).toEqual(whole.records);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('a whole import of malformed bytes ends in a result or an ImportError, within the bound', async () => {
    const bytes = fc.oneof(
      csvText.map((t) => new TextEncoder().encode(t)),
      csvText.map((t) => new TextEncoder().encode(`工单编号,受理时间,诉求内容\n${t}`)),
      fc.uint8Array({ maxLength: 400 }),
    );
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => {
        const { error, ms } = await timed(() => parseImport({ name: 'fuzz.csv', bytes: b }));
        if (error !== undefined) expect(error).toBeInstanceOf(ImportError);
        expect(ms).toBeLessThan(BOUND_MS);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

describe('the address filter parser on malformed queries', () => {
  const queryPart = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('township=', 'department=', 'request_type=', 'channel=', 'urgency=', 'from=', 'to=', 'compare=', 'enterprise_related=', '&', '=', '%', '%E0%A4', '%2', '#/tickets?', '?', '+', '%00', '2024-02-30', '2024-01-01', '是'),
  );
  const query = fc.array(queryPart, { maxLength: 40 }).map((parts) => parts.join(''));

  it('never throws, keeps every list within the limit, and its canonical form is a fixed point', () => {
    fc.assert(
      fc.property(query, (q) => {
        const state = parseFilterQuery(q);
        for (const list of [state.township, state.department, state.request_type, state.channel, state.urgency]) expect(list.length).toBeLessThanOrEqual(MAX_FILTER_VALUES);
        filterQueryLimits(q);
        const canonical = formatFilterQuery(state);
        expect(parseFilterQuery(canonical)).toEqual(state);
        expect(formatFilterQuery(parseFilterQuery(canonical))).toBe(canonical);
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });

  it('an over-long list anywhere is dropped and reported with its size', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_FILTER_VALUES + 1, max: 3000 }), fc.constantFrom('township', 'department', 'channel'), (n, column) => {
        const q = Array.from({ length: n }, (_, i) => `${column}=v${i}`).join('&');
        expect(parseFilterQuery(q)[column as 'township']).toEqual([]);
        expect(filterQueryLimits(q)).toEqual([{ column, values: n, limit: MAX_FILTER_VALUES }]);
      }),
      { seed: SEED, numRuns: 20 },
    );
  });
});

describe('the findings import on malformed files', () => {
  const finding: Finding = {
    ticketId: 'T1',
    township: '悦来镇',
    quarter: '2024Q1',
    verdict: '属实',
    rectification: '整改中',
    responsibleUnit: '城管局',
    dueDate: '2024-05-31',
    note: '复核',
    updatedAt: '2024-04-01T08:00:00.000Z',
  } as Finding;

  async function refusedOrRead(bytes: Uint8Array): Promise<void> {
    const { error, ms } = await timed(() => readFindingsFile(bytes));
    // Only its own refusal: the panel then merges nothing, so nothing stored can change.
    if (error !== undefined) expect(error).toBeInstanceOf(FindingsFileError);
    expect(ms).toBeLessThan(BOUND_MS);
  }

  it('JSON: cut, flipped or arbitrary, it is read or refused', async () => {
    const good = new TextEncoder().encode(findingsToJson([finding]));
    const mutated = fc.oneof(
      fc.nat({ max: good.length }).map((n) => good.subarray(0, n)),
      fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })).map(([i, b]) => {
        const copy = good.slice();
        copy[i] = b;
        return copy;
      }),
      fc.json().map((j) => new TextEncoder().encode(j)),
      fc.uint8Array({ maxLength: 300 }),
    );
    await fc.assert(fc.asyncProperty(mutated, refusedOrRead), { seed: SEED, numRuns: 300 });
  });

  it('XLSX: truncated or with flipped bytes, it is read or refused within the bound', async () => {
    const good = await findingsToXlsx([finding]);
    const mutated = fc.oneof(
      fc.nat({ max: good.length }).map((n) => good.subarray(0, n)),
      fc.array(fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }).map((flips) => {
        const copy = good.slice();
        for (const [i, b] of flips) copy[i] = b;
        return copy;
      }),
    );
    await fc.assert(fc.asyncProperty(mutated, refusedOrRead), { seed: SEED, numRuns: 120 });
  });
});
