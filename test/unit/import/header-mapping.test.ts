import { describe, expect, it } from 'vitest';
import {
  applyPreset,
  detectTable,
  findHeaderRow,
  mapHeaders,
  needsReview,
  presetKey,
  setColumn,
  toPreset,
} from '$lib/import';

const numbered = (rows: (string | null)[][]) => rows.map((cells, i) => ({ row: i + 1, cells }));

describe('header row detection', () => {
  it('skips a title row and a merged group-header row, and says why', () => {
    const found = findHeaderRow(
      numbered([
        ['海门区12345工单明细（2024年1月）', '', '', '', '', ''],
        ['基本信息', '', '', '办理情况', '', '回访情况'],
        ['工单编号', '受理时间', '所属区镇', '办结时间', '办理状态', '满意度'],
        ['HM1', '2024-01-05', '海门', '', '已办结', '满意'],
      ]),
    );
    expect(found.row).toBe(3);
    expect(found.headers).toEqual(['工单编号', '受理时间', '所属区镇', '办结时间', '办理状态', '满意度']);
    expect(found.skipped).toEqual([
      { row: 1, reason: 'title', text: '海门区12345工单明细（2024年1月）' },
      { row: 2, reason: 'group-header', text: '基本信息 | 办理情况 | 回访情况' },
    ]);
  });

  it('reports blank rows above the header', () => {
    const found = findHeaderRow(numbered([[''], ['工单编号', '受理时间'], ['1', '2024-01-05']]));
    expect(found.row).toBe(2);
    expect(found.skipped[0].reason).toBe('blank');
  });

  it('takes the first row when it already is the header', () => {
    expect(findHeaderRow(numbered([['编号', '上报时间', '事件类型'], ['E1', '2024-01-05', '安全隐患']])).row).toBe(1);
  });

  it('drops trailing empty header cells', () => {
    expect(findHeaderRow(numbered([['工单编号', '受理时间', '', '']])).headers).toEqual(['工单编号', '受理时间']);
  });

  it('scores zero when no row looks like a header', () => {
    expect(findHeaderRow(numbered([['a', 'b'], ['1', '2']])).score).toBe(0);
  });
});

describe('header mapping', () => {
  it('maps exact aliases with confidence 1', () => {
    const m = mapHeaders(['工单编号', '来电时间', '属地'], 'tickets');
    expect(m.columns.map((c) => [c.column, c.confidence, c.match])).toEqual([
      ['ticket_id', 1, 'exact'],
      ['received_at', 1, 'exact'],
      ['township', 1, 'exact'],
    ]);
    expect(needsReview(m)).toBe(false);
  });

  it.each([
    ['工单 编号', 'ticket_id'],
    ['＊工单编号', 'ticket_id'],
    ['受理（时间）', 'received_at'],
    ['受理(时间)', 'received_at'],
    ['【所属区镇】', 'township'],
    ['TICKET_ID', 'ticket_id'],
    ['村（社区）', null],
  ])('maps %j after normalisation with lower confidence', (header, column) => {
    const c = mapHeaders([header], 'tickets').columns[0];
    expect(c.column).toBe(column);
    if (column) expect(c.confidence).toBeLessThan(1);
  });

  it('maps a time column by its stem when the suffix differs (受理日期 → received_at)', () => {
    const c = mapHeaders(['受理日期', '办结日期'], 'tickets').columns;
    expect(c.map((x) => [x.column, x.match])).toEqual([
      ['received_at', 'suffix'],
      ['closed_at', 'suffix'],
    ]);
    expect(c[0].confidence).toBeLessThan(0.9);
  });

  it('normalises full-width brackets for grid villages', () => {
    expect(mapHeaders(['村（社区）'], 'grid_events').columns[0]).toMatchObject({ column: 'village', match: 'normalised' });
  });

  it('needs review when a required column is only a guess, or missing', () => {
    expect(needsReview(mapHeaders(['工单编号', '受理日期'], 'tickets'))).toBe(true);
    expect(needsReview(mapHeaders(['工单编号'], 'tickets'))).toBe(true);
  });

  it('lets one header own a column: the certain one wins, the other stays extra', () => {
    const m = mapHeaders(['状 态', '工单状态'], 'tickets');
    expect(m.columns.map((c) => c.column)).toEqual([null, 'status']);
  });

  it('keeps unmapped columns as extras', () => {
    const m = mapHeaders(['工单编号', '受理时间', '备注'], 'tickets');
    expect(m.columns[2]).toMatchObject({ header: '备注', column: null, match: 'none' });
  });

  it('applies a user edit with certainty and releases the column elsewhere', () => {
    const m = setColumn(mapHeaders(['工单编号', '受理日期', '备注'], 'tickets'), 2, 'received_at');
    expect(m.columns.map((c) => c.column)).toEqual(['ticket_id', null, 'received_at']);
    expect(needsReview(m)).toBe(false);
  });
});

describe('table detection', () => {
  it.each([
    [['工单编号', '受理时间', '来源渠道', '承办单位', '满意度'], 'tickets'],
    [['事件编号', '上报时间', '网格名称', '事件类型', '村(社区)'], 'grid_events'],
    [['编号', '受理时间', '企业名称', '统一社会信用代码', '政策领域'], 'enterprise_requests'],
    [['警情编号', '报警时间', '区镇', '地址', '警情类型'], 'police_non_emergency'],
    [['预警编号', '预警时间', '区镇', '地址', '预警类型'], 'special_population_alerts'],
  ] as const)('%j → %s', (headers, table) => {
    expect(detectTable(headers).table).toBe(table);
  });

  it('prefers a table whose key maps', () => {
    const best = detectTable(['事件编号', '所属区镇', '地址', '状态', '受理时间']);
    expect(best).toMatchObject({ table: 'grid_events', keyMapped: true });
  });
});

describe('comparison sources', () => {
  it('maps a police export written with its own headers', () => {
    const m = mapHeaders(['接警编号', '报警时间', '所属镇街', '村居', '事发地点', '警情类别', '简要警情', '报警电话'], 'police_non_emergency');
    expect(m.columns.map((c) => c.column)).toEqual(['call_id', 'received_at', 'township', 'village', 'address', 'category', 'content', 'caller_phone']);
  });

  it('maps a special-population export written with its own headers', () => {
    const m = mapHeaders(['预警编号', '预警时间', '区镇', '社区', '居住地址', '人员类别', '预警类型', '人员姓名', '处置状态', '处置时间'], 'special_population_alerts');
    expect(m.columns.map((c) => c.column)).toEqual([
      'alert_id', 'alerted_at', 'township', 'village', 'address', 'population_type', 'alert_type', 'person_name', 'status', 'resolved_at',
    ]);
  });

  it('detects both from their own headers', () => {
    expect(detectTable(['接警编号', '接警时间', '村居', '发生地址', '警情类别', '报警电话']).table).toBe('police_non_emergency');
    expect(detectTable(['预警编号', '预警时间', '人员类别', '人员姓名', '处置状态']).table).toBe('special_population_alerts');
  });
});

describe('presets', () => {
  it('keys a header set regardless of order, width and spacing', () => {
    expect(presetKey(['工单编号', '受理时间'])).toBe(presetKey(['受理时间 ', '工单编号']));
    expect(presetKey(['工单编号', '受理时间'])).toBe(presetKey(['工单编号', '受理时间']));
    expect(presetKey(['工单编号', '受理时间'])).not.toBe(presetKey(['工单编号', '来电时间']));
  });

  it('re-applies a confirmed mapping, certain, and maps new headers afresh', () => {
    const confirmed = setColumn(mapHeaders(['单号', '受理时间'], 'tickets'), 0, 'ticket_id');
    const preset = toPreset(confirmed, '2024-02-01');
    expect(preset.key).toBe(presetKey(['单号', '受理时间']));
    const again = applyPreset(['单号', '受理时间', '所属区镇'], preset);
    expect(again.columns.map((c) => [c.column, c.match])).toEqual([
      ['ticket_id', 'preset'],
      ['received_at', 'preset'],
      ['township', 'exact'],
    ]);
    expect(needsReview(again)).toBe(false);
  });
});
