// 12345 tickets. Rows are born in received_at order, so a repeat (重复件) can only point back at an
// earlier ticket. The work runs in a few column passes rather than one long row loop: each pass is
// a small function the JIT optimises quickly, and the rare "still open at export" case is a
// separate tail pass instead of a branch that would deoptimise the hot loop late in the run.
import type { ColumnarTable } from '$lib/arrow';
import { TOWNSHIPS } from '$lib/schema/townships';
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  SequenceLabels,
  allocate,
  dayWeights,
  sortedTimesOfDay,
  toSecond,
  yearDays,
  type YearDays,
} from './calendar';
import type { Callers, TownshipPlaces } from './places';
import { hotIndex } from './places';
import { filledColumn, nullColumn } from './columns';
import { WeightedIndex, type Rng } from './prng';
import {
  CATEGORY_TREE,
  CHANNELS,
  EXIT_REASONS,
  HOUR_FACTOR,
  LOCAL,
  REQUEST_TYPES,
  TOWNSHIP_TRAITS,
  townshipOffice,
} from './vocab';

export interface TicketWorld {
  places: TownshipPlaces[];
  callers: Callers;
  /** Caller pool slice of each township: [start, end). */
  callerRanges: [number, number][];
}

interface Category {
  path: string;
  third: string;
  problem: string;
  first: string;
  /** Department indexes; -1 stands for the ticket's own township office. */
  handlers: number[];
}

const REPEAT_RING = 4096;
const N_TYPES = REQUEST_TYPES.length;
const N_TOWNS = TOWNSHIPS.length;
const REFERRED = CHANNELS.findIndex((c) => c[0] === '省市交办');
const COMPLAINT = REQUEST_TYPES.findIndex((t) => t[0] === '投诉');
const REPORT = REQUEST_TYPES.findIndex((t) => t[0] === '举报');
const SUGGESTION = REQUEST_TYPES.findIndex((t) => t[0] === '建议');
/** Longer than any closure the model produces, so the tail pass sees every ticket still open. */
const OPEN_TAIL_MS = 120 * DAY_MS;

function contentFor(type: string, town: string, c: Category): string {
  switch (type) {
    case '咨询':
      return `来电人咨询${town}${c.third}方面的政策和办理流程，希望得到明确答复。`;
    case '求助':
      return `来电人反映${town}${c.problem}，请求相关部门帮助解决。`;
    case '投诉':
      return `来电人投诉：${town}${c.problem}，要求相关部门尽快处理并回复。`;
    case '举报':
      return `来电人举报${town}${c.problem}，请相关部门核实查处。`;
    case '建议':
      return `来电人建议加强${town}${c.third}方面的管理，${c.problem}的情况应尽快改善。`;
    case '表扬':
      return `来电人表扬承办单位工作人员处理${c.third}问题及时、态度热情。`;
    default:
      return `来电人反映${c.third}相关情况：${c.problem}。`;
  }
}

/** Fixed per-sample facts: units, categories, the habits of each unit. */
class TicketModel {
  readonly departments: string[] = [];
  readonly categories: Category[] = [];
  readonly firstThirdOfSecond: number[] = [];
  readonly officeOf: number[];
  readonly deptOnTime: number[];
  readonly deptSatisfied: number[];
  readonly deptSignMinutes: number[];
  readonly traits = TOWNSHIPS.map((t) => TOWNSHIP_TRAITS[t.township]);
  readonly second = new WeightedIndex(CATEGORY_TREE.map((s) => s.weight));
  readonly channel = new WeightedIndex(CHANNELS.map((c) => c[1]));
  readonly type = new WeightedIndex(REQUEST_TYPES.map((t) => t[1]));
  readonly town = new WeightedIndex(TOWNSHIPS.map((t) => t.population));
  readonly hour = new WeightedIndex(HOUR_FACTOR);
  private readonly contents: string[] = [];
  private readonly deptIndex = new Map<string, number>();

  constructor(rng: Rng) {
    CATEGORY_TREE.forEach((s, si) => {
      const handlers = s.handlers.map((h) => (h === LOCAL ? -1 : this.unit(h)));
      this.firstThirdOfSecond[si] = this.categories.length;
      for (const [third, problem] of s.thirds) {
        this.categories.push({ path: `${s.first}>${s.second}>${third}`, third, problem, first: s.first, handlers });
      }
    });
    this.officeOf = TOWNSHIPS.map((t) => this.unit(townshipOffice(t.township, t.kind)));
    // Each unit keeps its habits across years, so rankings find persistent differences.
    this.deptOnTime = this.departments.map(() => (rng.next() - 0.6) * 0.06);
    this.deptSatisfied = this.departments.map(() => (rng.next() - 0.55) * 0.04);
    this.deptSignMinutes = this.departments.map(() => 20 + rng.exp(90));
  }

  private unit(name: string): number {
    let i = this.deptIndex.get(name);
    if (i === undefined) {
      i = this.departments.length;
      this.departments.push(name);
      this.deptIndex.set(name, i);
    }
    return i;
  }

  content(cat: number, type: number, town: number): string {
    const key = (cat * N_TYPES + type) * N_TOWNS + town;
    return (this.contents[key] ??= contentFor(REQUEST_TYPES[type][0], TOWNSHIPS[town].township, this.categories[cat]));
  }
}

function ticketColumns(n: number) {
  return {
    ticket_id: nullColumn<string>(n),
    // Never null: starts as small integers so the timestamps land in an unboxed double array.
    received_at: filledColumn(n, 0),
    channel: nullColumn<string>(n),
    upper_ticket_id: nullColumn<string>(n),
    request_type: nullColumn<string>(n),
    category: nullColumn<string>(n),
    content: nullColumn<string>(n),
    caller_name: nullColumn<string>(n),
    caller_phone: nullColumn<string>(n),
    address: nullColumn<string>(n),
    township: nullColumn<string>(n),
    department: nullColumn<string>(n),
    urgency: nullColumn<string>(n),
    enterprise_related: filledColumn(n, false),
    direct_answer: filledColumn(n, false),
    dispatched_at: nullColumn<number>(n),
    signed_at: nullColumn<number>(n),
    deadline_at: nullColumn<number>(n),
    closed_at: nullColumn<number>(n),
    status: nullColumn<string>(n),
    returned_count: filledColumn(n, 0),
    reopened: filledColumn(n, false),
    repeat_of: nullColumn<string>(n),
    resolved: nullColumn<boolean>(n),
    satisfaction: nullColumn<string>(n),
    callback_level: nullColumn<string>(n),
    exit_reason: nullColumn<string>(n),
    unattributable: filledColumn(n, false),
  };
}
type TicketColumns = ReturnType<typeof ticketColumns>;

/** Per-row facts the later passes need, kept out of the string columns. */
class RowFacts {
  readonly town: Int8Array;
  readonly category: Int16Array;
  readonly caller: Int32Array;
  readonly dept: Int16Array;
  readonly type: Int8Array;
  readonly channel: Int8Array;
  readonly late: Uint8Array;
  /** Row index of the ticket this one repeats, or -1. */
  readonly repeatOf: Int32Array;
  constructor(n: number) {
    this.repeatOf = new Int32Array(n);
    this.town = new Int8Array(n);
    this.category = new Int16Array(n);
    this.caller = new Int32Array(n);
    this.dept = new Int16Array(n);
    this.type = new Int8Array(n);
    this.channel = new Int8Array(n);
    this.late = new Uint8Array(n);
  }
}

/** Who called, when, about what, from where; whether the hotline answered it itself. */
function drawRequests(
  rng: Rng,
  m: TicketModel,
  world: TicketWorld,
  plans: { days: YearDays; counts: Int32Array }[],
  col: TicketColumns,
  row: RowFacts,
): void {
  const ring = new Int32Array(N_TOWNS * REPEAT_RING);
  const ringFill = new Int32Array(N_TOWNS);
  const sequence = new SequenceLabels(6);
  let times = new Float64Array(4096);
  let i = 0;
  for (const { days, counts } of plans) {
    for (let d = 0; d < counts.length; d++) {
      const count = counts[d];
      if (count > times.length) times = new Float64Array(count * 2);
      const offsets = sortedTimesOfDay(times, count, m.hour, rng);
      const stamp = days.stamps[d];
      const idPrefix = 'HM' + stamp;
      for (let k = 0; k < count; k++, i++) {
        col.ticket_id[i] = idPrefix + sequence.get(k + 1);
        col.received_at[i] = days.starts[d] + offsets[k];
        const ch = m.channel.draw(rng.next());
        row.channel[i] = ch;
        col.channel[i] = CHANNELS[ch][0];
        if (ch === REFERRED) {
          col.upper_ticket_id[i] = (rng.chance(0.35) ? 'JS' : 'NT') + stamp + String(10_000_000 + rng.int(90_000_000)).slice(1);
        }
        const ty = m.type.draw(rng.next());
        row.type[i] = ty;
        col.request_type[i] = REQUEST_TYPES[ty][0];

        let town = m.town.draw(rng.next());
        let repeatOf = -1;
        const fill = ringFill[town];
        if (fill > 0 && rng.chance(0.052)) {
          // Prefer recent tickets: a caller chases the same demand within weeks, not a year later.
          const back = Math.floor(Math.min(fill, REPEAT_RING) * rng.next() * rng.next());
          repeatOf = ring[town * REPEAT_RING + ((fill - 1 - back) % REPEAT_RING)];
        }
        let cat: number;
        let caller: number;
        if (repeatOf >= 0) {
          town = row.town[repeatOf];
          cat = row.category[repeatOf];
          caller = row.caller[repeatOf];
          col.address[i] = col.address[repeatOf];
          col.repeat_of[i] = col.ticket_id[repeatOf];
        } else {
          const second = m.second.draw(rng.next());
          cat = m.firstThirdOfSecond[second] + rng.int(CATEGORY_TREE[second].thirds.length);
          const range = world.callerRanges[town];
          caller = range[0] + hotIndex(rng, range[1] - range[0]);
          const pool = world.places[town].addresses;
          col.address[i] = pool[hotIndex(rng, pool.length)];
        }
        ring[town * REPEAT_RING + (fill % REPEAT_RING)] = i;
        ringFill[town] = fill + 1;
        row.town[i] = town;
        row.category[i] = cat;
        row.caller[i] = caller;
        const c = m.categories[cat];
        col.category[i] = c.path;
        col.content[i] = m.content(cat, ty, town);
        col.caller_name[i] = world.callers.names[caller];
        col.caller_phone[i] = world.callers.phones[caller];
        col.township[i] = TOWNSHIPS[town].township;
        const ent = m.traits[town].enterprise * (c.first === '经济管理' ? 8 : c.first === '劳动保障' ? 1.8 : 1);
        col.enterprise_related[i] = rng.chance(Math.min(ent, 0.95));
        // Referred tickets (省市交办) always go out for handling; repeats are less often settled by phone.
        const directP = ch === REFERRED ? 0 : REQUEST_TYPES[ty][2] * (repeatOf >= 0 ? 0.5 : 1);
        col.direct_answer[i] = rng.chance(directP);
        row.repeatOf[i] = repeatOf;
      }
    }
  }
}

/** Dispatch, signing, deadline and closure, before the export cut-off is applied. */
function drawHandling(rng: Rng, m: TicketModel, col: TicketColumns, row: RowFacts): void {
  const n = col.received_at.length;
  for (let i = 0; i < n; i++) {
    const received = col.received_at[i];
    if (col.direct_answer[i]) {
      col.urgency[i] = '一般';
      col.closed_at[i] = toSecond(received + 2 * MINUTE_MS + rng.exp(8 * MINUTE_MS));
      row.dept[i] = -1;
      continue;
    }
    const town = row.town[i];
    const ty = row.type[i];
    const u = rng.next();
    const urg = u < 0.015 ? 0 : u < 0.115 ? 1 : 2;
    col.urgency[i] = urg === 0 ? '特急' : urg === 1 ? '紧急' : '一般';
    let dept: number;
    // A repeat goes back to the unit that handled the first ticket.
    const earlier = row.repeatOf[i];
    if (earlier >= 0 && row.dept[earlier] >= 0) dept = row.dept[earlier];
    else if (rng.chance(0.25)) dept = m.officeOf[town];
    else {
      const h = m.categories[row.category[i]].handlers;
      const pick = h.length === 1 || rng.chance(0.6) ? h[0] : h[1 + rng.int(h.length - 1)];
      dept = pick < 0 ? m.officeOf[town] : pick;
    }
    row.dept[i] = dept;
    col.department[i] = m.departments[dept];

    // The dispatch desk works 08:00–18:00; an urgent ticket goes out at once.
    const timeOfDay = received % DAY_MS;
    const hour = Math.floor(timeOfDay / HOUR_MS);
    let dispatched: number;
    if (urg === 0 || (hour >= 8 && hour < 18)) {
      dispatched = received + 3 * MINUTE_MS + rng.exp(urg === 0 ? 10 * MINUTE_MS : 35 * MINUTE_MS);
    } else {
      dispatched = received - timeOfDay + (hour >= 18 ? DAY_MS : 0) + 8 * HOUR_MS + rng.exp(40 * MINUTE_MS);
    }
    dispatched = toSecond(dispatched);
    const r = rng.next();
    const returns = r < 0.925 ? 0 : r < 0.975 ? 1 : r < 0.994 ? 2 : 3;
    // Each 退回 costs hours before another unit signs for the ticket.
    let signed = dispatched + 2 * MINUTE_MS + rng.exp(m.deptSignMinutes[dept] * MINUTE_MS);
    for (let k = 0; k < returns; k++) signed += HOUR_MS + rng.exp(8 * HOUR_MS);
    signed = toSecond(signed);
    const heavy = ty === COMPLAINT || ty === REPORT || ty === SUGGESTION;
    const deadline = dispatched + (urg === 0 ? 1 : urg === 1 ? 3 : heavy ? 10 : 5) * DAY_MS;
    const onTimeP = m.traits[town].onTime + m.deptOnTime[dept] - 0.04 * returns - (urg === 0 ? 0.03 : 0);
    let closed: number;
    if (signed < deadline && rng.chance(onTimeP)) {
      closed = signed + (deadline - signed) * (0.03 + 0.95 * Math.pow(rng.next(), 1.6));
    } else {
      row.late[i] = 1;
      closed = Math.max(deadline, signed) + 30 * MINUTE_MS + rng.exp(1.5 * DAY_MS);
    }
    col.dispatched_at[i] = dispatched;
    col.signed_at[i] = signed;
    col.deadline_at[i] = deadline;
    col.closed_at[i] = toSecond(closed);
    col.returned_count[i] = returns;
    col.unattributable[i] = rng.chance(0.007);
  }
}

/** Call-back (回访): exit reasons, satisfaction, resolution and reopening. */
function drawOutcome(rng: Rng, m: TicketModel, col: TicketColumns, row: RowFacts): void {
  const n = col.received_at.length;
  for (let i = 0; i < n; i++) {
    col.status[i] = '已办结';
    const direct = col.direct_answer[i];
    const ty = row.type[i];
    const dept = row.dept[i];
    const serious = ty === COMPLAINT || ty === REPORT;
    if (!direct && rng.chance(serious ? 0.022 : 0.006)) {
      // Exits are the unsatisfiable cases the assessment leaves out of the rate.
      col.exit_reason[i] = EXIT_REASONS[rng.int(EXIT_REASONS.length)];
      col.satisfaction[i] = rng.chance(0.75) ? '不满意' : '非常不满意';
      col.resolved[i] = false;
      col.callback_level[i] = '区';
      continue;
    }
    const cb = rng.next();
    if (cb < 0.07) {
      col.satisfaction[i] = '未回访';
      continue;
    }
    // Province and city call back on what they referred down; most call-backs are the district's own.
    col.callback_level[i] =
      row.channel[i] === REFERRED ? (rng.chance(0.4) ? '省' : '市') : rng.chance(0.8) ? '区' : rng.chance(0.75) ? '市' : '省';
    if (cb < 0.11) {
      col.satisfaction[i] = '无法联系';
      continue;
    }
    let p = m.traits[row.town[i]].satisfied + (dept >= 0 ? m.deptSatisfied[dept] : 0.015);
    if (row.late[i]) p -= 0.06;
    if (col.returned_count[i] > 0) p -= 0.03;
    if (serious) p -= 0.02;
    const satisfied = rng.chance(p);
    const lv = rng.next();
    col.satisfaction[i] =
      satisfied ? (lv < 0.45 ? '非常满意' : lv < 0.85 ? '满意' : '基本满意') : lv < 0.8 ? '不满意' : '非常不满意';
    col.resolved[i] = rng.chance(satisfied ? 0.96 : 0.3);
    col.reopened[i] = !direct && rng.chance(satisfied ? 0.012 : 0.3);
  }
}

/** The export was taken at `dataEnd`: whatever happens later has not happened yet. */
function cutAtExport(rng: Rng, col: TicketColumns, dataEnd: number): void {
  for (let i = col.received_at.length - 1; i >= 0 && col.received_at[i] > dataEnd - OPEN_TAIL_MS; i--) {
    const closed = col.closed_at[i];
    if (closed === null || closed <= dataEnd) continue;
    col.closed_at[i] = null;
    col.resolved[i] = null;
    col.satisfaction[i] = null;
    col.callback_level[i] = null;
    col.exit_reason[i] = null;
    const dispatched = col.dispatched_at[i];
    const signed = col.signed_at[i];
    if (col.direct_answer[i] || (signed !== null && signed <= dataEnd)) {
      col.status[i] = '办理中';
      continue;
    }
    col.signed_at[i] = null;
    if (dispatched !== null && dispatched <= dataEnd) {
      col.status[i] = col.returned_count[i] > 0 && rng.chance(0.5) ? '已退回' : '待签收';
      continue;
    }
    col.dispatched_at[i] = null;
    col.deadline_at[i] = null;
    col.status[i] = '待派单';
  }
}

export function generateTickets(
  rng: Rng,
  world: TicketWorld,
  years: readonly number[],
  perYear: number,
  dataEnd: number,
): ColumnarTable {
  const model = new TicketModel(rng);
  const plans = years.map((y) => {
    const days = yearDays(y);
    return { days, counts: allocate(perYear, dayWeights(days, rng, 0.12)) };
  });
  const n = perYear * years.length;
  const col = ticketColumns(n);
  const row = new RowFacts(n);
  drawRequests(rng, model, world, plans, col, row);
  drawHandling(rng, model, col, row);
  drawOutcome(rng, model, col, row);
  cutAtExport(rng, col, dataEnd);
  return { length: n, columns: col };
}
