// The masking rules every reader uses, on hand-written values: what stays readable and what is hidden.
import { describe, expect, it } from 'vitest';
import { maskAddress, maskCell, maskFreeText, maskIdNumber, maskName, maskPersonal, maskPhone, personalKindOf, identifiesPerson } from '$lib/privacy';

describe('personal columns', () => {
  it('come from the schema with their kind', () => {
    expect(personalKindOf('caller_name')).toBe('name');
    expect(personalKindOf('CALLER_PHONE')).toBe('phone');
    expect(personalKindOf('worker_name')).toBe('name');
    expect(personalKindOf('address')).toBe('address');
    expect(personalKindOf('content')).toBe('free-text');
    expect(personalKindOf('township')).toBeNull();
    expect(identifiesPerson('name')).toBe(true);
    expect(identifiesPerson('address')).toBe(false);
  });
});

describe('masking', () => {
  it('keeps a name’s first character', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('李')).toBe('*');
    expect(maskName('')).toBe('');
    // A rare character outside the BMP is one character, not two.
    expect(maskName('𠀋小明')).toBe('𠀋**');
  });

  it('keeps the first three and last four digits of a phone number, separators in place', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('0512-58123456')).toBe('051*-****3456');
    expect(maskPhone('12345')).toBe('*****');
  });

  it('keeps the region and birth-year part of an ID number off, both lengths', () => {
    expect(maskIdNumber('32058219900101123X')).toBe('320582********123X');
    expect(maskIdNumber('320582900101123')).toBe('320582******123');
  });

  it('hides the house, building, unit and room numbers of an address, not the street', () => {
    expect(maskAddress('海门街道人民路88号3栋502室')).toBe('海门街道人民路**号*栋***室');
    expect(maskAddress('三厂街道长江路 12-3 号')).toBe('三厂街道长江路 **-* 号');
    expect(maskAddress('悦来镇第6村民小组')).toBe('悦来镇第*村民小组');
    expect(maskAddress('包场镇北街')).toBe('包场镇北街');
  });

  it('finds mobiles with separators or +86, landlines with area codes and both ID lengths in free text', () => {
    expect(maskFreeText('请联系13812341234处理')).toBe('请联系138****1234处理');
    expect(maskFreeText('回拨 +86 138-1234-5678 谢谢')).toBe('回拨 +86 138-****-5678 谢谢');
    expect(maskFreeText('电话138 1234 5678')).toBe('电话138 **** 5678');
    expect(maskFreeText('座机0513-81234567，或(0513)8123 4567')).toBe('座机0513-****4567，或(0513)**** 4567');
    expect(maskFreeText('身份证320582199001011234')).toBe('身份证320582********1234');
    expect(maskFreeText('老身份证320582900101123')).toBe('老身份证320582******123');
  });

  it('leaves longer digit runs, amounts and dates alone', () => {
    expect(maskFreeText('金额 1381234123456 元')).toBe('金额 1381234123456 元');
    expect(maskFreeText('工单HM2024040001于2024-04-01受理')).toBe('工单HM2024040001于2024-04-01受理');
    expect(maskFreeText('罚款 3000 元')).toBe('罚款 3000 元');
  });

  it('applies each kind’s rule', () => {
    expect(maskPersonal('name', '王小二')).toBe('王**');
    expect(maskPersonal('phone', '13912345678')).toBe('139****5678');
    expect(maskPersonal('address', '人民路8号，电话13912345678')).toBe('人民路*号，电话139****5678');
    expect(maskPersonal('free-text', '回电13912345678')).toBe('回电139****5678');
  });
});

describe('maskCell', () => {
  it('masks by kind, leaves identifiers alone, scans other text, and unmasks on request', () => {
    expect(maskCell({ name: 'n', pii: 'name' }, '王小二', true)).toBe('王**');
    expect(maskCell({ name: 'x', pii: 'phone' }, '13912345678', true)).toBe('139****5678');
    expect(maskCell({ name: 'content' }, '回电13912345678', true)).toBe('回电139****5678');
    expect(maskCell({ name: 'ticket_id' }, '13912345678', true)).toBe('13912345678');
    expect(maskCell({ name: 'n', pii: 'name' }, '王小二', false)).toBe('王小二');
  });
});
