import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { trusted } from '$lib/sql';
import { decimalText, resultSetFromRows, resultSetOf, type ResultColumn } from '$lib/console/result';
import { cellText } from '$lib/console/cells';
import { groupCatalog, tableColumnsQuery } from '$lib/console/catalog';
import { rowsOf } from '$lib/engine/rows';
import { chartData, defaultChoice } from '$lib/console/quick-chart';
import { firstKeyword, mayWrite } from '$lib/console/statement';

// Results as DuckDB-WASM really sends them: the Arrow types of TIMESTAMP, DATE, DECIMAL,
// HUGEINT and BIGINT are where a console goes wrong.
let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await engine.exec(trusted('CREATE TABLE tickets (ticket_id VARCHAR, received_at TIMESTAMP, caller_name VARCHAR, n INTEGER)'));
  await engine.exec(
    trusted(
      "INSERT INTO tickets VALUES ('T1', TIMESTAMP '2024-03-05 23:30:00', '张三', 2), ('T2', TIMESTAMP '2024-03-06 00:15:00', NULL, 3), ('T3', NULL, '李四', NULL)",
    ),
  );
});
afterAll(() => engine.close());

describe('resultSetOf', () => {
  it('reads DuckDB types into display text', async () => {
    const table = await engine.query(
      trusted(
        "SELECT TIMESTAMP '2024-03-05 13:04:05' AS ts, DATE '2024-03-05' AS d, 1.25::DECIMAL(5,2) AS dec, -3.5::DECIMAL(18,3) AS neg, " +
          'sum(x) AS total, 12345678901234567::BIGINT AS big, NULL::VARCHAR AS nothing, [1, 2] AS list, 1 AS ts FROM (VALUES (1), (2)) v(x)',
      ),
    );
    const result = resultSetOf(table);
    const texts = result.columns.map((c, i) => {
      const v = result.value(0, i);
      return v === null ? null : cellText(c, v, true);
    });
    expect(result.columns.map((c) => c.kind)).toEqual(['timestamp', 'date', 'number', 'number', 'integer', 'integer', 'text', 'other', 'integer']);
    expect(texts).toEqual(['2024-03-05 13:04:05', '2024-03-05', '1.25', '-3.5', '3', '12345678901234567', null, '[1,2]', '1']);
  });

  it('lists the tables and columns through the catalogue query', async () => {
    const tables = groupCatalog(rowsOf(await engine.query(tableColumnsQuery())), ['tickets']);
    expect(tables[0].name).toBe('tickets');
    expect(tables[0].columns.map((c) => c.name)).toEqual(['ticket_id', 'received_at', 'caller_name', 'n']);
    expect(tables[0].columns[1].type).toBe('TIMESTAMP');
  });

  it('charts a date column as a sorted line and a text column as bars', async () => {
    const result = resultSetOf(await engine.query(trusted('SELECT received_at::DATE AS day, caller_name, n FROM tickets ORDER BY n DESC')));
    expect(result.columns.find((c) => c.name === 'caller_name')?.pii).toBe('name');
    const choice = defaultChoice(result)!;
    expect(choice).toEqual({ x: 0, y: 2 });
    const line = chartData(result, choice, true);
    expect(line.mark).toBe('line');
    expect(line.points.map((p) => p.y)).toEqual([2, 3]);
    const bars = chartData(result, { x: 1, y: 2 }, true);
    expect(bars.mark).toBe('bar');
    expect(bars.points).toEqual([
      { x: '∅ NULL', y: 3 },
      { x: '张*', y: 2 },
    ]);
  });
});

describe('defaultChoice', () => {
  it('charts by the column with the fewest distinct values, not by an id', () => {
    const cols: ResultColumn[] = [
      { name: 'ticket_id', kind: 'text', typeName: 'Utf8', pii: null },
      { name: 'channel', kind: 'text', typeName: 'Utf8', pii: null },
      { name: 'returned_count', kind: 'integer', typeName: 'Int32', pii: null },
    ];
    const result = resultSetFromRows(cols, [
      ['T1', '电话', 1],
      ['T2', '微信', 0],
      ['T3', '电话', 2],
    ]);
    expect(defaultChoice(result)).toEqual({ x: 1, y: 2 });
    expect(defaultChoice(resultSetFromRows([cols[2]], [[1]]))).toBeNull();
  });
});

describe('decimalText', () => {
  it('places the decimal point by scale', () => {
    expect(decimalText('125', 2)).toBe('1.25');
    expect(decimalText('-3500', 3)).toBe('-3.500');
    expect(decimalText('5', 3)).toBe('0.005');
    expect(decimalText('-5', 3)).toBe('-0.005');
    expect(decimalText('42', 0)).toBe('42');
  });
});

describe('statement kind', () => {
  it('reads the first keyword past comments', () => {
    expect(firstKeyword('  -- note\n/* x */ delete from t')).toBe('DELETE');
    expect(mayWrite('SELECT 1')).toBe(false);
    expect(mayWrite('with a as (select 1) select * from a')).toBe(false);
    expect(mayWrite('DELETE FROM tickets')).toBe(true);
    expect(mayWrite('create table x as select 1')).toBe(true);
    expect(mayWrite('')).toBe(false);
  });
});
