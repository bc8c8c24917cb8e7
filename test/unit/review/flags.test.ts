// Every key-ticket rule on hand-made tickets of 悦来镇 in 2024Q1 (as-of time 2024-04-01 00:00):
// each flag alone, its exact threshold, tickets carrying several flags, and the severity order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeEngine } from '$lib/engine/node-engine';
import { defaultSettings, type MetricSettings } from '$lib/metrics';
import {
  defaultReviewSettings,
  keyTicketFromRow,
  keyTicketsQuery,
  reasonsFor,
  type FlagId,
  type KeyTicket,
  type ReviewSettings,
} from '$lib/review';
import { loadTable, rowsOf, type FixtureRow } from '../metrics/fixtures';

const AREA = '悦来镇';
const Q1 = { year: 2024, q: 1 };

let engine: NodeEngine;
beforeAll(async () => {
  engine = await NodeEngine.start();
  await loadTable(engine, 'tickets', FIXTURE);
});
afterAll(() => engine.close());

let seq = 0;
/** A ticket of the area in the quarter with nothing remarkable about it unless `extra` says so. */
function ticket(id: string, extra: FixtureRow = {}): FixtureRow {
  seq++;
  const day = String(1 + (seq % 28)).padStart(2, '0');
  return { ticket_id: id, township: AREA, received_at: `2024-02-${day} 09:00`, department: '区住建局', returned_count: 0, ...extra };
}

const FIXTURE: FixtureRow[] = [
  // unsatisfied: a rating below the satisfied levels, after exit exclusions.
  ticket('U1', { satisfaction: '不满意' }),
  ticket('U2', { satisfaction: '非常不满意', exit_reason: '恶意举报' }),
  ticket('U3', { satisfaction: '基本满意' }),
  ticket('U4', { satisfaction: '未回访' }),
  // late: closed exactly at the deadline is on time; a minute later is late; open past the deadline at the as-of time is late.
  ticket('L1', { deadline_at: '2024-03-05 09:00', closed_at: '2024-03-05 09:00' }),
  ticket('L2', { deadline_at: '2024-03-05 09:00', closed_at: '2024-03-05 09:01' }),
  ticket('L3', { deadline_at: '2024-03-31 23:00' }),
  ticket('L4', { deadline_at: '2024-04-02 09:00' }),
  // reopened + returned twice (also several units: a return is a reassignment); returned once.
  ticket('R1', { reopened: true, returned_count: 2 }),
  ticket('R2', { returned_count: 1 }),
  // repeat by phone: three times in the quarter (a fourth in Q2 and one in another area do not count); twice is not enough.
  ticket('P1', { caller_phone: '138****1234' }),
  ticket('P2', { caller_phone: '138****1234' }),
  ticket('P3', { caller_phone: ' 138****1234 ', received_at: '2024-03-31 23:59:59' }),
  ticket('P4', { caller_phone: '138****1234', received_at: '2024-04-01 00:00' }),
  ticket('X1', { caller_phone: '138****1234', township: '海门街道' }),
  ticket('Q1', { caller_phone: '13912345678' }),
  ticket('Q2', { caller_phone: '13912345678' }),
  // repeat by address: three spellings of one address; another address only twice.
  ticket('D1', { address: '江苏省南通市海门区悦来镇幸福路１８号' }),
  ticket('D2', { address: '悦来镇 幸福路18号' }),
  ticket('D3', { address: '幸福路 18 号' }),
  ticket('W1', { address: '和平路5号' }),
  ticket('W2', { address: '和平路5号' }),
  // hotspot: four different addresses of one cluster (幸福花园).
  ticket('H1', { address: '悦来镇幸福花园1幢' }),
  ticket('H2', { address: '幸福花园2栋' }),
  ticket('H3', { address: '幸福花园3号楼' }),
  ticket('H4', { address: '幸福花园' }),
  ticket('N1', { unattributable: true }),
  // several units in the 承办单位 cell; the same unit twice is one unit.
  ticket('M1', { department: '区住建局、区城管局' }),
  ticket('M2', { department: '区城管局、区城管局' }),
  ticket('E1', { enterprise_related: true, request_type: '投诉' }),
  ticket('E2', { enterprise_related: true, request_type: '咨询' }),
  ticket('E3', { enterprise_related: false, request_type: '投诉' }),
  // Several flags at once.
  ticket('O1', { satisfaction: '不满意', deadline_at: '2024-02-10 09:00', closed_at: '2024-02-11 09:00', reopened: true, unattributable: true }),
];

function review(patch: Partial<ReviewSettings['thresholds']> = {}, extra: Partial<ReviewSettings> = {}): ReviewSettings {
  const s = defaultReviewSettings();
  return { ...s, ...extra, thresholds: { ...s.thresholds, hotspotMin: 4, ...patch } };
}

async function keyTickets(r: ReviewSettings = review(), m: MetricSettings = defaultSettings()): Promise<KeyTicket[]> {
  return (await rowsOf(engine, keyTicketsQuery({ township: AREA, quarter: Q1 }, r, m))).map(keyTicketFromRow);
}
async function flagsById(r?: ReviewSettings, m?: MetricSettings): Promise<Record<string, FlagId[]>> {
  return Object.fromEntries((await keyTickets(r, m)).map((t) => [t.ticketId, t.flags]));
}

describe('key-ticket flags', () => {
  it('flags exactly the tickets each rule describes, several flags per ticket where several hold', async () => {
    expect(await flagsById()).toEqual({
      U1: ['unsatisfied'],
      L2: ['late'],
      L3: ['late'],
      R1: ['reopened', 'returned', 'multi_department'],
      R2: ['multi_department'],
      P1: ['repeat'],
      P2: ['repeat'],
      P3: ['repeat'],
      D1: ['repeat'],
      D2: ['repeat'],
      D3: ['repeat'],
      H1: ['hotspot'],
      H2: ['hotspot'],
      H3: ['hotspot'],
      H4: ['hotspot'],
      N1: ['unattributable'],
      M1: ['multi_department'],
      E1: ['enterprise_complaint'],
      O1: ['unsatisfied', 'late', 'reopened', 'unattributable'],
    });
  });

  it('unsatisfied follows the 口径: 基本满意 counts when it is not satisfied; exits stay out unless only listed reasons exclude', async () => {
    const strict = { ...defaultSettings(), basicSatisfiedCounts: false };
    const flags = await flagsById(review(), strict);
    expect(flags.U3).toEqual(['unsatisfied']);
    expect(flags.U2).toBeUndefined();
    const onlyLitigation: MetricSettings = { ...defaultSettings(), excludedExitReasons: { mode: 'list', reasons: ['涉法涉诉'] } };
    expect((await flagsById(review(), onlyLitigation)).U2).toEqual(['unsatisfied']);
  });

  it('thresholds are inclusive: at the threshold flags, one above does not', async () => {
    const above = await flagsById(review({ returnedMin: 3, repeatPhoneMin: 4, repeatAddressMin: 4, hotspotMin: 5, multiDepartmentMinReturns: 3 }));
    expect(above.R1).toEqual(['reopened']);
    expect(above.R2).toBeUndefined();
    for (const id of ['P1', 'P2', 'P3', 'D1', 'D2', 'D3', 'H1', 'H4']) expect(above[id], id).toBeUndefined();
    // M1 names two units: that needs no returns.
    expect(above.M1).toEqual(['multi_department']);
    const lower = await flagsById(review({ repeatPhoneMin: 2, repeatAddressMin: 2, multiDepartmentMinReturns: 2 }));
    expect(lower.Q1).toEqual(['repeat']);
    expect(lower.W1).toEqual(['repeat']);
    expect(lower.R2).toBeUndefined();
  });

  it('enterprise complaints follow the configured request types', async () => {
    const flags = await flagsById(review({}, { enterpriseComplaintTypes: ['投诉', '咨询'] }));
    expect(flags.E1).toEqual(['enterprise_complaint']);
    expect(flags.E2).toEqual(['enterprise_complaint']);
    expect(flags.E3).toBeUndefined();
  });

  it('counts repeats and clusters within the area and quarter only', async () => {
    const tickets = await keyTickets();
    const p1 = tickets.find((t) => t.ticketId === 'P1')!;
    expect(p1.phoneCount).toBe(3);
    const d1 = tickets.find((t) => t.ticketId === 'D1')!;
    expect(d1.addressCount).toBe(3);
    expect(d1.normalisedAddress).toBe('幸福路18号');
    const h2 = tickets.find((t) => t.ticketId === 'H2')!;
    expect([h2.addressCluster, h2.clusterCount, h2.addressCount]).toEqual(['幸福花园', 4, 1]);
  });
});

describe('severity', () => {
  it('sums the weights of the flags and orders by severity, then flag count, then time received', async () => {
    const tickets = await keyTickets();
    const sev = Object.fromEntries(tickets.map((t) => [t.ticketId, t.severity]));
    // Defaults: unsatisfied 3 + late 2 + reopened 3 + unattributable 3.
    expect(sev.O1).toBe(11);
    // reopened 3 + returned 2 + multi_department 2.
    expect(sev.R1).toBe(7);
    expect(sev.U1).toBe(3);
    expect(sev.H1).toBe(1);
    const order = tickets.map((t) => t.ticketId);
    expect(order.slice(0, 2)).toEqual(['O1', 'R1']);
    for (let i = 1; i < tickets.length; i++) {
      const [a, b] = [tickets[i - 1], tickets[i]];
      expect(a.severity > b.severity || (a.severity === b.severity && (a.flags.length > b.flags.length || (a.flags.length === b.flags.length && a.receivedAt <= b.receivedAt)))).toBe(true);
    }
    // The hotspot tickets (weight 1) come last.
    expect(order.slice(-4).sort()).toEqual(['H1', 'H2', 'H3', 'H4']);
  });

  it('follows changed weights', async () => {
    const r = review();
    r.weights = { ...r.weights, hotspot: 20 };
    const tickets = await keyTickets(r);
    expect(tickets.slice(0, 4).map((t) => t.ticketId).sort()).toEqual(['H1', 'H2', 'H3', 'H4']);
    expect(tickets[0].severity).toBe(20);
  });
});

describe('reasons', () => {
  it('explains each flag with the row’s own facts, masking the phone', async () => {
    const tickets = await keyTickets();
    const by = (id: string) => tickets.find((t) => t.ticketId === id)!;
    const reasons = (id: string) => reasonsFor(by(id), review()).map((r) => [r.key, r.params]);
    expect(reasons('L2')).toEqual([['review.reason.lateClosed', { deadline: '2024-03-05 09:00', closed: '2024-03-05 09:01', hours: '0.0' }]]);
    expect(reasons('L3')).toEqual([['review.reason.lateOpen', { deadline: '2024-03-31 23:00', asOf: '2024-04-01 00:00' }]]);
    expect(reasons('R1').map(([k]) => k)).toEqual(['review.reason.reopened', 'review.reason.returned', 'review.reason.multiReassigned']);
    expect(reasons('M1')).toEqual([['review.reason.multiUnits', { count: 2, units: '区住建局、区城管局' }]]);
    expect(reasons('P1')).toEqual([['review.reason.repeatPhone', { phone: '138****1234', count: 3, min: 3 }]]);
    expect(reasons('H3')).toEqual([['review.reason.hotspot', { cluster: '幸福花园', count: 4, min: 4 }]]);
  });

  it('masks caller names and full phone numbers on the way in', () => {
    const t = keyTicketFromRow({ ticket_id: 'A', caller_name: '张三丰', caller_phone: '13812345678', content: '回电13912345678', flag_repeat: true });
    expect([t.callerName, t.callerPhone, t.content]).toEqual(['张**', '138****5678', '回电139****5678']);
    expect(t.flags).toEqual(['repeat']);
  });
});
