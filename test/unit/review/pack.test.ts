// The review pack's content: the key-ticket workbook (flag and finding columns, masked, importable
// back as findings) and the deck (native charts, the figures, the most severe tickets), written
// through the export layer.
import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDeckBytes } from '$lib/export/pptx';
import { tableToXlsx } from '$lib/export/table';
import {
  FLAG_IDS,
  defaultReviewSettings,
  findingKey,
  keyTicketTable,
  planMerge,
  readFindingsFile,
  reviewDeck,
  type Finding,
  type KeyTicket,
  type PackInput,
} from '$lib/review';
import { zh } from '$lib/i18n/messages';

const tr = (key: string, params?: Record<string, string | number>) =>
  ((zh as Record<string, string>)[key] ?? key).replace(/\{(\w+)\}/g, (w, n: string) => (params && n in params ? String(params[n]) : w));

function keyTicket(id: string, flags: KeyTicket['flags'], severity: number, extra: Partial<KeyTicket> = {}): KeyTicket {
  return {
    ticketId: id,
    township: '悦来镇',
    receivedAt: '2024-02-01 09:00',
    requestType: '投诉',
    category: '城乡建设>市政设施>路灯',
    content: '路灯不亮',
    callerName: '张**',
    callerPhone: '138****1234',
    address: '悦来镇幸福路18号',
    department: '区住建局',
    urgency: '一般',
    status: '已办结',
    satisfaction: '不满意',
    exitReason: null,
    returnedCount: 0,
    deadlineAt: null,
    closedAt: null,
    asOf: '2024-04-01 00:00',
    lateHours: null,
    phoneCount: 1,
    addressCount: 1,
    normalisedAddress: '幸福路18号',
    addressCluster: '幸福路18号',
    clusterCount: 1,
    unitCount: 1,
    flags,
    severity,
    ...extra,
  };
}

const finding: Finding = {
  ticketId: 'T1',
  township: '悦来镇',
  quarter: '2024Q1',
  verdict: '部分属实',
  rectification: '整改中',
  responsibleUnit: '悦来镇城管办',
  dueDate: '2024-05-31',
  note: '已约谈',
  updatedAt: '2024-04-10T02:00:00.000Z',
};

const input: PackInput = {
  township: '悦来镇',
  quarter: { year: 2024, q: 1 },
  figures: {
    area: { total: 100, satisfaction_rate: 0.9, on_time_rate: 0.8, resolution_rate: 0.7, reopen_rate: 0.05, return_rate: 0.1, direct_answer_rate: 0.3, median_closure_hours: 20, overdue_open: 2 },
    district: { total: 1000, satisfaction_rate: 0.92, on_time_rate: 0.85, resolution_rate: 0.75, reopen_rate: 0.03, return_rate: 0.08, direct_answer_rate: 0.28, median_closure_hours: 22, overdue_open: 10 },
    previous: null,
  },
  rank: { rank: 3, score: 0.71, rankedCount: 12, listedCount: 12 },
  tickets: [
    keyTicket('T1', ['unsatisfied', 'reopened', 'unattributable'], 9),
    // A full phone number must not leave in the workbook even if it reached the table unmasked.
    keyTicket('T2', ['late'], 2, { callerPhone: '13812345678', callerName: '李四光', closedAt: '2024-03-02 09:00', deadlineAt: '2024-03-01 09:00', lateHours: 24 }),
  ],
  findings: new Map([[findingKey(finding), finding]]),
  settings: defaultReviewSettings(),
  source: 'sample',
};

describe('key-ticket workbook', () => {
  const table = keyTicketTable(input, tr);
  let bytes: Uint8Array;
  let rows: Record<string, unknown>[];
  beforeAll(async () => {
    bytes = await tableToXlsx(table, { sheetName: '重点工单' });
    rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(XLSX.read(bytes, { type: 'array' }).Sheets['重点工单'], { defval: null });
  });

  it('has one column per flag and the findings columns, in ticket order', () => {
    const header = Object.keys(rows[0]);
    for (const f of FLAG_IDS) expect(header).toContain(tr(`review.flag.${f}`));
    for (const h of ['工单编号', '区镇', '季度', '核查结论', '整改状态', '责任单位', '整改期限', '备注', '更新时间', '严重度', '原因']) expect(header).toContain(h);
    expect(rows.map((r) => r['工单编号'])).toEqual(['T1', 'T2']);
    expect(rows[0]).toMatchObject({ 不满意: '是', 重办: '是', 无法认定权属: '是', 核查结论: '部分属实', 责任单位: '悦来镇城管办', 严重度: 9 });
    expect(rows[0]['超期/逾期办结']).toBeNull();
    expect(rows[1]).toMatchObject({ '超期/逾期办结': '是', 核查结论: null });
    expect(String(rows[1]['原因'])).toContain('逾期 24.0 小时');
  });

  it('masks personal data', () => {
    expect(rows[1]['来电人 ☎']).toBe('138****5678');
    expect(rows[1]['来电人']).toBe('李**');
  });

  it('can be imported back as findings', async () => {
    const read = await readFindingsFile(bytes);
    expect(read.invalid).toEqual([]);
    expect(read.findings.find((f) => f.ticketId === 'T1')).toEqual(finding);
    // T2 has no finding yet: its row reads as a blank finding, which a merge skips.
    const plan = planMerge(new Map(), read.findings);
    expect([plan.added, plan.blank, plan.writes.map((f) => f.ticketId)]).toEqual([1, 1, ['T1']]);
  });
});

describe('review deck', () => {
  const deck = reviewDeck(input, tr);

  it('holds the rates chart against the district, the figures, the flag counts and the top tickets', () => {
    expect(deck.title).toBe('悦来镇 2024Q1 现场核查');
    expect(deck.subtitle).toContain('2023Q4');
    expect(deck.items.map((i) => i.id)).toEqual(['review-rates', 'review-figures', 'review-flags', 'review-top']);
    const rates = deck.items[0];
    if (rates.kind !== 'chart') throw new Error('not a chart');
    expect(rates.chart.series.map((s) => s.name)).toEqual(['悦来镇 2024Q1', '全区 2024Q1', '悦来镇 2023Q4']);
    expect(rates.chart.series[0].values[0]).toBe(0.9);
    expect(rates.chart.series[2].values.every((v) => v === null)).toBe(true);
    const flags = deck.items[2];
    if (flags.kind !== 'chart') throw new Error('not a chart');
    expect(flags.chart.series[0].values).toEqual(FLAG_IDS.map((f) => (['unsatisfied', 'reopened', 'unattributable', 'late'].includes(f) ? 1 : 0)));
    const top = deck.items[3];
    if (top.kind !== 'table') throw new Error('not a table');
    expect(top.table.rows.map((r) => [r.ticket_id, r.verdict])).toEqual([
      ['T1', '部分属实'],
      ['T2', null],
    ]);
  });

  it('becomes a PPTX with a title slide and native charts', async () => {
    const bytes = await buildDeckBytes(deck, { rasterise: async () => { throw new Error('no image expected'); } });
    const zip = await JSZip.loadAsync(bytes);
    const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
    expect(slides.length).toBe(5);
    expect(Object.keys(zip.files).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n)).length).toBe(2);
    expect(await zip.file('ppt/slides/slide1.xml')!.async('string')).toContain('悦来镇 2024Q1 现场核查');
  });
});
