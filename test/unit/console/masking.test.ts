import { describe, expect, it } from 'vitest';
import { isPersonalColumn, maskFreeText, maskName, maskPhone, maskText } from '$lib/console/masking';
import { cellText } from '$lib/console/cells';
import type { ResultColumn } from '$lib/console/result';

describe('masking personal data', () => {
  it('knows the personal columns from the schema', () => {
    expect(isPersonalColumn('caller_name')).toBe(true);
    expect(isPersonalColumn('caller_phone')).toBe(true);
    expect(isPersonalColumn('worker_name')).toBe(true);
    expect(isPersonalColumn('CALLER_PHONE')).toBe(true);
    expect(isPersonalColumn('township')).toBe(false);
  });

  it('keeps a name’s first character', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳')).toBe('欧*');
    expect(maskName('李')).toBe('*');
    expect(maskName('')).toBe('');
    // A rare character outside the BMP is one character, not two.
    expect(maskName('𠀋小明')).toBe('𠀋**');
  });

  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('0512-58123456')).toBe('051*-****3456');
    expect(maskPhone('+86 138 1234 1234')).toBe('+86 1** **** 1234');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('finds mobile and ID-card numbers inside free text but not inside longer digit runs', () => {
    expect(maskFreeText('请联系13812341234处理')).toBe('请联系138****1234处理');
    expect(maskFreeText('身份证320582199001011234')).toBe('身份证320582********1234');
    expect(maskFreeText('金额 1381234123456 元')).toBe('金额 1381234123456 元');
  });

  it('masks by column, leaves identifiers alone, and unmasks on request', () => {
    const col = (name: string, personal = false): ResultColumn => ({ name, kind: 'text', typeName: 'Utf8', personal });
    expect(maskText(col('caller_name', true), '王小二', true)).toBe('王**');
    expect(maskText(col('caller_phone', true), '13912345678', true)).toBe('139****5678');
    expect(maskText(col('content'), '回电13912345678', true)).toBe('回电139****5678');
    expect(maskText(col('ticket_id'), '13912345678', true)).toBe('13912345678');
    expect(maskText(col('caller_name', true), '王小二', false)).toBe('王小二');
    expect(cellText(col('worker_name', true), '赵六', true)).toBe('赵*');
  });
});

describe('cell text', () => {
  const col = (kind: ResultColumn['kind']): ResultColumn => ({ name: 'c', kind, typeName: '', personal: false });
  it('shows naive timestamps as written, whatever the machine zone', () => {
    const ms = Date.UTC(2024, 2, 5, 13, 4, 5);
    expect(cellText(col('timestamp'), ms, true)).toBe('2024-03-05 13:04:05');
    expect(cellText(col('date'), Date.UTC(2024, 0, 1), true)).toBe('2024-01-01');
    expect(cellText(col('time'), (10 * 3600 + 11 * 60 + 12) * 1000, true)).toBe('10:11:12');
  });
  it('prints numbers without binary noise and keeps huge integers exact', () => {
    expect(cellText(col('number'), 0.1 + 0.2, true)).toBe('0.3');
    expect(cellText(col('integer'), 42, true)).toBe('42');
    expect(cellText(col('integer'), '12345678901234567890', true)).toBe('12345678901234567890');
    expect(cellText(col('boolean'), false, true)).toBe('false');
  });
});
