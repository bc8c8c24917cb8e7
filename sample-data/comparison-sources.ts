// The two further sources of the routine comparison (信息常态比对): police non-emergency calls
// (公安非警务类警情) and special-population alerts (特殊人群预警). Both are planted against the
// grid events already generated, so the comparison has known answers:
//   - a grid-relevant police call is a problem the grid reported FIRST (an event at the same
//     address, 1–72 h earlier), LATER (1–96 h after the call), or NEVER (an address no grid
//     event ever has: a village group beyond every grid's groups);
//   - an alert is FOLLOWED by a grid event at the same address 1–48 h later, or is NOT
//     (an address no grid event has).
// Planted addresses are written the way other systems write them (海门区 prefix, full-width
// digits, 号楼 for 幢), so the comparison has to normalise to find them.
import type { ColumnarTable } from '$lib/arrow';
import { HOUR_MS, toSecond } from './calendar';
import { fullName } from './places';
import type { Rng } from './prng';

export const POLICE_CALLS_PER_YEAR = 12_000;
export const ALERTS_PER_YEAR = 2_400;

/** Categories the grid is expected to have found itself (missed-report candidates when it did not). */
export const POLICE_GRID_CATEGORIES = ['噪音扰民', '邻里纠纷', '占道经营', '环境污染'] as const;
const POLICE_OTHER_CATEGORIES = ['求助', '纠纷调解咨询', '其他'] as const;
const POLICE_CONTENT: Readonly<Record<string, readonly string[]>> = {
  噪音扰民: ['夜间装修噪音扰民', '广场舞音响声音过大', '商铺外放音乐扰民'],
  邻里纠纷: ['邻居因漏水发生争执', '邻里因停车位发生口角', '楼上楼下噪音纠纷'],
  占道经营: ['流动摊贩占道经营', '店铺占用人行道经营'],
  环境污染: ['有人焚烧垃圾烟雾大', '小作坊排放异味', '污水直排河道'],
  求助: ['老人走失求助', '钥匙锁在屋内求助', '群众求助'],
  纠纷调解咨询: ['咨询纠纷调解途径'],
  其他: ['其他非警务警情'],
};
export const POPULATION_TYPES = ['社区矫正', '刑满释放', '严重精神障碍', '吸毒人员'] as const;
export const ALERT_TYPES = ['脱管失联', '情绪异常', '越界活动', '未按期报到', '肇事肇祸风险'] as const;

export type PoliceOverlap = 'first' | 'later' | 'never' | 'other';
export type AlertOverlap = 'followed' | 'unfollowed';

/** The grid events the plants are anchored on (the generated table's columns). */
export interface GridAnchor {
  length: number;
  reported_at: readonly number[];
  township: readonly (string | null)[];
  village: readonly (string | null)[];
  address: readonly (string | null)[];
}

export function gridAnchor(table: ColumnarTable): GridAnchor {
  const c = table.columns as unknown as GridAnchor;
  return { length: table.length, reported_at: c.reported_at, township: c.township, village: c.village, address: c.address };
}

const FULL_DIGITS = '０１２３４５６７８９';

/** The same place as another system writes it: one of four spellings. */
function respell(rng: Rng, address: string): string {
  const r = rng.next();
  if (r < 0.25) return `海门区${address}`;
  if (r < 0.45) return address.replace(/[0-9]/g, (d) => FULL_DIGITS[Number(d)]);
  if (r < 0.55) return address.replace(/幢/g, '号楼');
  return address;
}

/** An address in the anchor's village that no grid event has: group 41–60 (grids use groups 1–30). */
function unreportedAddress(rng: Rng, township: string, village: string): string {
  return `${township}${village}${41 + rng.int(20)}组${1 + rng.int(60)}号`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

interface Span {
  start: number;
  end: number;
}

function spanOf(years: readonly number[], dataEnd: number): Span {
  return { start: Date.UTC(years[0], 0, 1), end: dataEnd };
}

/** Rows sorted by time, ids numbered per year in that order: `${prefix}${year}${seq}`. */
function orderAndNumber(times: number[], prefix: string): { order: number[]; ids: string[] } {
  const order = times.map((_, i) => i).sort((a, b) => times[a] - times[b] || a - b);
  const ids: string[] = new Array(times.length);
  let year = -1;
  let seq = 0;
  for (const i of order) {
    const y = new Date(times[i]).getUTCFullYear();
    if (y !== year) {
      year = y;
      seq = 0;
    }
    ids[i] = `${prefix}${y}${pad(++seq, 6)}`;
  }
  return { order, ids };
}

function reorder<T>(values: readonly T[], order: readonly number[]): T[] {
  return order.map((i) => values[i]);
}

export interface PlantedTable {
  table: ColumnarTable;
  /** How each row (in the table's order) was planted: the tests' ground truth. */
  planted: string[];
}

export function generatePoliceCalls(rng: Rng, grid: GridAnchor, years: readonly number[], perYear: number, dataEnd: number): PlantedTable {
  const span = spanOf(years, dataEnd);
  const n = perYear * years.length;
  const times: number[] = [];
  const township: string[] = [];
  const village: string[] = [];
  const address: string[] = [];
  const category: string[] = [];
  const content: string[] = [];
  const phone: string[] = [];
  const planted: PoliceOverlap[] = [];
  for (let i = 0; i < n; i++) {
    const e = rng.int(grid.length);
    const base = grid.reported_at[e];
    const town = grid.township[e] as string;
    const vil = grid.village[e] as string;
    const r = rng.next();
    let kind: PoliceOverlap = r < 0.3 ? 'first' : r < 0.45 ? 'later' : r < 0.75 ? 'never' : 'other';
    let time = kind === 'first' ? base + HOUR_MS * (1 + 71 * rng.next()) : kind === 'later' ? base - HOUR_MS * (1 + 95 * rng.next()) : base + HOUR_MS * 24 * 10 * (rng.next() - 0.5);
    time = toSecond(Math.min(span.end, Math.max(span.start, time)));
    // A clamped time may have left the window; such a plant is counted as what it became.
    if (kind === 'first' && !(time > base)) kind = 'never';
    if (kind === 'later' && !(time < base)) kind = 'never';
    const cat = kind === 'other' ? POLICE_OTHER_CATEGORIES[rng.int(POLICE_OTHER_CATEGORIES.length)] : POLICE_GRID_CATEGORIES[rng.int(POLICE_GRID_CATEGORIES.length)];
    times.push(time);
    township.push(town);
    village.push(vil);
    address.push(kind === 'first' || kind === 'later' ? respell(rng, grid.address[e] as string) : unreportedAddress(rng, town, vil));
    category.push(cat);
    const texts = POLICE_CONTENT[cat];
    content.push(texts[rng.int(texts.length)]);
    phone.push(`1${3 + rng.int(7)}${rng.int(10)}****${pad(rng.int(10_000), 4)}`);
    planted.push(kind);
  }
  const { order, ids } = orderAndNumber(times, 'JQ');
  return {
    table: {
      length: n,
      columns: {
        call_id: reorder(ids, order),
        received_at: reorder(times, order),
        township: reorder(township, order),
        village: reorder(village, order),
        address: reorder(address, order),
        category: reorder(category, order),
        content: reorder(content, order),
        caller_phone: reorder(phone, order),
      },
    },
    planted: reorder(planted, order),
  };
}

export function generateAlerts(rng: Rng, grid: GridAnchor, years: readonly number[], perYear: number, dataEnd: number): PlantedTable {
  const span = spanOf(years, dataEnd);
  const n = perYear * years.length;
  const times: number[] = [];
  const township: string[] = [];
  const village: string[] = [];
  const address: string[] = [];
  const populationType: string[] = [];
  const alertType: string[] = [];
  const person: string[] = [];
  const status: string[] = [];
  const resolved: (number | null)[] = [];
  const planted: AlertOverlap[] = [];
  for (let i = 0; i < n; i++) {
    const e = rng.int(grid.length);
    const base = grid.reported_at[e];
    const town = grid.township[e] as string;
    const vil = grid.village[e] as string;
    let kind: AlertOverlap = rng.chance(0.65) ? 'followed' : 'unfollowed';
    const time = toSecond(Math.max(span.start, base - HOUR_MS * (1 + 47 * rng.next())));
    if (kind === 'followed' && !(time < base)) kind = 'unfollowed';
    times.push(time);
    township.push(town);
    village.push(vil);
    address.push(kind === 'followed' ? respell(rng, grid.address[e] as string) : unreportedAddress(rng, town, vil));
    populationType.push(POPULATION_TYPES[rng.int(POPULATION_TYPES.length)]);
    alertType.push(ALERT_TYPES[rng.int(ALERT_TYPES.length)]);
    person.push(fullName(rng));
    const done = kind === 'followed' || rng.chance(0.5);
    const at = toSecond(time + HOUR_MS * (2 + 70 * rng.next()));
    status.push(done && at <= span.end ? '已处置' : '处置中');
    resolved.push(done && at <= span.end ? at : null);
    planted.push(kind);
  }
  const { order, ids } = orderAndNumber(times, 'YJ');
  return {
    table: {
      length: n,
      columns: {
        alert_id: reorder(ids, order),
        alerted_at: reorder(times, order),
        township: reorder(township, order),
        village: reorder(village, order),
        address: reorder(address, order),
        population_type: reorder(populationType, order),
        alert_type: reorder(alertType, order),
        person_name: reorder(person, order),
        status: reorder(status, order),
        resolved_at: reorder(resolved, order),
      },
    },
    planted: reorder(planted, order),
  };
}
