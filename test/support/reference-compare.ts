// The comparison (信息常态比对) recomputed in plain TypeScript from the rules as the page states
// them, over the generator's column arrays: the independent side of the comparison's browser test.
// It shares no code with src/: the address normalisation is written again from its documented
// steps, and Jaro–Winkler (over UTF-8 bytes, prefix weight 0.1 after a Jaro similarity above 0.7,
// as DuckDB's jaro_winkler_similarity computes it) from its textbook definition.
import type { Cell } from './reference-metrics';

type Table = Record<string, readonly unknown[]>;

const TOWNSHIP_NAMES = [
  '海门街道', '海门', '海门镇', '三厂街道', '三厂', '三厂镇', '滨江街道', '滨江', '常乐镇', '常乐', '悦来镇', '悦来', '四甲镇', '四甲',
  '余东镇', '余东', '正余镇', '正余', '包场镇', '包场', '临江镇', '临江', '临江新区', '海永镇', '海永', '海门工业园区', '工业园区',
  '海门开发区', '经济技术开发区',
].sort((a, b) => b.length - a.length);

/** Normalised address: the six documented steps, NULL when nothing is left. */
export function normaliseAddress(address: string | null): string | null {
  if (address === null) return null;
  let s = address.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase();
  s = s.replace(/#/g, '号').replace(/[\s\p{P}\p{S}]/gu, '');
  s = s.replace(/^(江苏省)?(南通市)?(海门区|海门市)?/, '');
  const town = TOWNSHIP_NAMES.find((n) => s.startsWith(n));
  if (town) s = s.slice(town.length);
  s = s.replace(/号楼|栋|座/g, '幢');
  return s === '' ? null : s;
}

const encoder = new TextEncoder();

export function jaroWinkler(a: string, b: string): number {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  if (x.length === 0 && y.length === 0) return 1;
  if (x.length === 0 || y.length === 0) return 0;
  const range = Math.max(0, Math.floor(Math.max(x.length, y.length) / 2) - 1);
  const xm = new Uint8Array(x.length);
  const ym = new Uint8Array(y.length);
  let matches = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = Math.max(0, i - range); j <= Math.min(y.length - 1, i + range); j++) {
      if (!ym[j] && x[i] === y[j]) {
        xm[i] = ym[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  for (let i = 0, j = 0; i < x.length; i++) {
    if (!xm[i]) continue;
    while (!ym[j]) j++;
    if (x[i] !== y[j]) transpositions++;
    j++;
  }
  const m = matches;
  const jaro = (m / x.length + m / y.length + (m - transpositions / 2) / m) / 3;
  if (jaro <= 0.7) return jaro;
  let prefix = 0;
  while (prefix < 4 && prefix < x.length && prefix < y.length && x[prefix] === y[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

export interface CompareRules {
  windowDays: number;
  minSimilarity: number;
  ticketCategories: readonly string[];
  policeCategories: readonly string[];
}

export const DEFAULT_RULES: CompareRules = {
  windowDays: 7,
  minSimilarity: 0.9,
  ticketCategories: ['城市管理', '生态环境', '城乡建设>建筑施工'],
  policeCategories: ['噪音扰民', '邻里纠纷', '占道经营', '环境污染'],
};

interface Rec {
  source: 'grid' | 'ticket' | 'police' | 'alert';
  id: string;
  t: number;
  township: string;
  village: string | null;
  norm: string;
  digits: string;
}

function records(source: Rec['source'], table: Table, n: number, cols: { id: string; t: string; village?: string }, keep: (i: number) => boolean): Rec[] {
  const out: Rec[] = [];
  for (let i = 0; i < n; i++) {
    if (!keep(i)) continue;
    const township = table.township[i] as string | null;
    const t = table[cols.t][i] as number | null;
    const norm = normaliseAddress((table.address[i] as string | null) ?? null);
    if (!township || t === null || !norm) continue;
    const digits = norm.replace(/[^0-9]/g, '');
    if (!digits) continue;
    out.push({ source, id: table[cols.id][i] as string, t, township, village: cols.village ? ((table[cols.village][i] as string | null) ?? null) : null, norm, digits });
  }
  return out;
}

export interface ComparePair {
  left: Rec;
  right: Rec;
  score: number;
}

export interface TownshipFigures {
  problems: number;
  first: number;
  later: number;
  missed: number;
  repeats: number;
  alerts: number;
  unfollowed: number;
  rate: number | null;
}

export interface SampleSources {
  tickets: { length: number; columns: Record<string, readonly Cell[]> };
  grid_events: { length: number; columns: Record<string, readonly Cell[]> };
  police_non_emergency: { length: number; columns: Record<string, readonly Cell[]> };
  special_population_alerts: { length: number; columns: Record<string, readonly Cell[]> };
}

/** Every candidate pair, and the figures per township counting `accepted` pair keys only (all pairs when null). */
export function referenceComparison(sources: SampleSources, rules: CompareRules = DEFAULT_RULES) {
  const tk = sources.tickets.columns;
  const relevantTicket = (i: number) => {
    const c = tk.category[i] as string | null;
    if (!c) return false;
    const [a, b] = c.split('>');
    return rules.ticketCategories.includes(a) || rules.ticketCategories.includes(`${a}>${b}`);
  };
  const pc = sources.police_non_emergency.columns;
  const grid = records('grid', sources.grid_events.columns, sources.grid_events.length, { id: 'event_id', t: 'reported_at', village: 'village' }, () => true);
  const tickets = records('ticket', tk, sources.tickets.length, { id: 'ticket_id', t: 'received_at' }, relevantTicket);
  const police = records('police', pc, sources.police_non_emergency.length, { id: 'call_id', t: 'received_at', village: 'village' }, (i) =>
    rules.policeCategories.includes(pc.category[i] as string),
  );
  const alerts = records('alert', sources.special_population_alerts.columns, sources.special_population_alerts.length, { id: 'alert_id', t: 'alerted_at', village: 'village' }, () => true);

  // A ticket names no village: it takes the longest village of its township its address begins with.
  const villagesOf = new Map<string, string[]>();
  const gc = sources.grid_events.columns;
  for (let i = 0; i < sources.grid_events.length; i++) {
    const town = gc.township[i] as string | null;
    const village = gc.village[i] as string | null;
    if (!town || !village) continue;
    const list = villagesOf.get(town) ?? [];
    if (!list.includes(village)) list.push(village);
    villagesOf.set(town, list);
  }
  for (const list of villagesOf.values()) list.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  for (const r of tickets) r.village = villagesOf.get(r.township)?.find((v) => r.norm.startsWith(v)) ?? null;

  const index = (list: Rec[]) => {
    const m = new Map<string, Rec[]>();
    for (const r of list) {
      const k = `${r.township}|${r.digits}`;
      const l = m.get(k);
      if (l) l.push(r);
      else m.set(k, [r]);
    }
    return m;
  };
  const windowMs = rules.windowDays * 86_400_000;
  const pairs: ComparePair[] = [];
  const pairUp = (lefts: Rec[], rights: Map<string, Rec[]>) => {
    for (const l of lefts) {
      for (const r of rights.get(`${l.township}|${l.digits}`) ?? []) {
        if (Math.abs(r.t - l.t) > windowMs) continue;
        if (l.village !== null && r.village !== null && l.village !== r.village) continue;
        const s = jaroWinkler(l.norm, r.norm);
        if (s >= rules.minSimilarity) pairs.push({ left: l, right: r, score: s });
      }
    }
  };
  const gridIndex = index(grid);
  pairUp([...tickets, ...police, ...alerts], gridIndex);
  pairUp(tickets, index(police));

  const figures = (accepted: ReadonlySet<string> | null): Map<string, TownshipFigures> => {
    const counted = accepted ? pairs.filter((p) => accepted.has(`${p.left.id}\u001f${p.right.id}`)) : pairs;
    const first = new Set<string>();
    const after = new Set<string>();
    const matched = new Set<string>();
    const repeated = new Set<string>();
    for (const p of counted) {
      if (p.right.source === 'grid') {
        matched.add(p.left.id);
        if (p.right.t <= p.left.t) first.add(p.left.id);
        if (p.right.t >= p.left.t) after.add(p.left.id);
      } else {
        repeated.add(p.left.id);
        repeated.add(p.right.id);
      }
    }
    const out = new Map<string, TownshipFigures>();
    const get = (town: string) => {
      let f = out.get(town);
      if (!f) out.set(town, (f = { problems: 0, first: 0, later: 0, missed: 0, repeats: 0, alerts: 0, unfollowed: 0, rate: null }));
      return f;
    };
    for (const r of [...tickets, ...police]) {
      const f = get(r.township);
      f.problems++;
      if (first.has(r.id)) f.first++;
      else if (matched.has(r.id)) f.later++;
      else f.missed++;
      if (repeated.has(r.id)) f.repeats++;
    }
    for (const a of alerts) {
      const f = get(a.township);
      f.alerts++;
      if (!after.has(a.id)) f.unfollowed++;
    }
    for (const f of out.values()) f.rate = f.problems > 0 ? f.first / f.problems : null;
    return out;
  };
  return { pairs, figures };
}
