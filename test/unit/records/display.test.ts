import { describe, expect, it } from 'vitest';
import { columnLabel, fieldText, humanise, listColumns, nextSort, rowWindow, validSort, windowCovers } from '$lib/records';
import { TABLES } from '$lib/schema';

const col = (name: string) => TABLES.tickets.columns.find((c) => c.name === name)!;
const words = { yes: '是', no: '否' };

describe('fieldText', () => {
  it('masks personal columns and numbers in free text unless shown', () => {
    expect(fieldText(col('caller_name'), '张三丰', false, words)).toBe('张**');
    expect(fieldText(col('caller_phone'), '13812345678', false, words)).toBe('138****5678');
    expect(fieldText(col('content'), '回电13812345678，身份证320583199001011234', false, words)).toBe('回电138****5678，身份证320583********1234');
    expect(fieldText(col('caller_phone'), '13812345678', true, words)).toBe('13812345678');
    // Keys are codes, not phone numbers.
    expect(fieldText(col('ticket_id'), '13812345678', false, words)).toBe('13812345678');
  });

  it('writes naive timestamps as they were recorded, booleans in words, null as null', () => {
    expect(fieldText(col('received_at'), Date.UTC(2024, 2, 1, 9, 5, 7), false, words)).toBe('2024-03-01 09:05:07');
    expect(fieldText(col('enterprise_related'), true, false, words)).toBe('是');
    expect(fieldText(col('enterprise_related'), false, false, words)).toBe('否');
    expect(fieldText(col('returned_count'), 2, false, words)).toBe('2');
    expect(fieldText(col('category'), null, false, words)).toBeNull();
  });

  it('labels columns from the schema in Chinese and from the name in English', () => {
    expect(columnLabel(col('caller_phone'), 'zh-CN')).toBe('联系电话');
    expect(columnLabel(col('caller_phone'), 'en')).toBe('Caller phone');
    expect(humanise('received_at')).toBe('Received time');
    expect(humanise('ticket_id')).toBe('Ticket ID');
    expect(listColumns('grid_events')[0].name).toBe('event_id');
  });
});

describe('sorting clicks', () => {
  it('flips the sorted column and starts times newest first', () => {
    expect(nextSort('tickets', { column: 'received_at', direction: 'desc' }, 'received_at')).toEqual({ column: 'received_at', direction: 'asc' });
    expect(nextSort('tickets', { column: 'received_at', direction: 'desc' }, 'township')).toEqual({ column: 'township', direction: 'asc' });
    expect(nextSort('tickets', { column: 'township', direction: 'asc' }, 'received_at')).toEqual({ column: 'received_at', direction: 'desc' });
    expect(validSort('grid_events', null)).toEqual({ column: 'reported_at', direction: 'desc' });
    expect(validSort('grid_events', { column: 'content', direction: 'asc' })).toEqual({ column: 'reported_at', direction: 'desc' });
  });
});

describe('rowWindow', () => {
  it('fetches the visible page and its neighbours', () => {
    expect(rowWindow(0, 20, 1000, 100)).toEqual({ offset: 0, limit: 200 });
    expect(rowWindow(250, 270, 1000, 100)).toEqual({ offset: 100, limit: 300 });
    expect(rowWindow(290, 310, 1000, 100)).toEqual({ offset: 100, limit: 400 });
    expect(rowWindow(980, 999, 1000, 100)).toEqual({ offset: 800, limit: 200 });
    expect(rowWindow(0, 5, 6, 100)).toEqual({ offset: 0, limit: 6 });
    expect(rowWindow(0, 10, 0, 100)).toEqual({ offset: 0, limit: 0 });
  });

  it('does not move while scrolling within a page', () => {
    const w = rowWindow(210, 230, 100_000, 100);
    for (let first = 200; first < 280; first += 7) expect(rowWindow(first, first + 20, 100_000, 100)).toEqual(w);
    expect(windowCovers(w, 150, 399)).toBe(true);
    expect(windowCovers(w, 99, 120)).toBe(false);
    expect(windowCovers(w, 390, 400)).toBe(false);
  });
});
