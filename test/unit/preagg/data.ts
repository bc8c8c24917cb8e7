// Seeded synthetic tickets for the index-equals-exact tests: every field the metrics read varies,
// including the edges (deadlines at midnight, open tickets with and without deadlines, NULL
// keys, exit reasons, unknown resolution, negative durations from bad data).
import type { FixtureRow } from '../metrics/fixtures';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ms on the naive clock → 'YYYY-MM-DD HH:MM:SS'. */
function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function syntheticTickets(count: number, seed = 7, firstDay = '2024-03-01', days = 75): FixtureRow[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const start = Date.UTC(+firstDay.slice(0, 4), +firstDay.slice(5, 7) - 1, +firstDay.slice(8, 10));
  const rows: FixtureRow[] = [];
  for (let i = 0; i < count; i++) {
    const received = start + Math.floor(r() * days) * DAY + Math.floor(r() * 24) * HOUR + Math.floor(r() * 60) * 60_000;
    const urgency = pick(['特急', '紧急', '一般', '其他', null]);
    const deadlineKind = r();
    let deadline: number | null = null;
    // Some deadlines fall exactly on a midnight: the as-of boundary of a brush ending the day before.
    if (deadlineKind < 0.55) deadline = received + Math.floor(1 + r() * 10) * DAY;
    else if (deadlineKind < 0.7) deadline = Math.floor(received / DAY) * DAY + Math.floor(1 + r() * 8) * DAY;
    const closedKind = r();
    let closed: number | null = null;
    if (closedKind < 0.8) closed = received + Math.floor(r() * 300 * 60) * 60_000;
    else if (closedKind < 0.82) closed = received - Math.floor(r() * 5) * HOUR; // closed before received: bad data
    const dispatched = r() < 0.9 ? received + Math.floor(r() * 120) * 60_000 : null;
    const signed = dispatched !== null && r() < 0.85 ? dispatched + Math.floor(r() * 600) * 60_000 : null;
    rows.push({
      ticket_id: `S${seed}-${i}`,
      received_at: stamp(received),
      township: pick(['海门街道', '三厂街道', '常乐镇', '悦来镇', null]),
      department: pick(['住建局', '城管局', '市场监管局', '人社局', '教育局', '交通局']),
      request_type: pick(['投诉', '求助', '咨询', '建议', '举报']),
      category: pick(['城乡建设>房屋>物业', '城乡建设>市政', '劳动保障>工资', '教育/学校', '交通＞道路＞路灯', null, '']),
      channel: pick(['电话', '网站', '微信', 'APP']),
      urgency,
      enterprise_related: pick([true, false, false, null]),
      direct_answer: pick([true, false, false, null]),
      dispatched_at: dispatched === null ? null : stamp(dispatched),
      signed_at: signed === null ? null : stamp(signed),
      deadline_at: deadline === null ? null : stamp(deadline),
      closed_at: closed === null ? null : stamp(closed),
      returned_count: pick([0, 0, 0, 1, 2, null]),
      reopened: pick([true, false, false, false, null]),
      resolved: pick([true, true, false, null]),
      satisfaction: pick(['非常满意', '满意', '满意', '基本满意', '不满意', '非常不满意', '未回访', '无法联系', null]),
      exit_reason: r() < 0.08 ? pick(['恶意举报', '涉法涉诉', '非受理事项', '  ']) : null,
    });
  }
  return rows;
}

/** Brush ranges inside [first, last]: single days, whole span, edges, and random spans. */
export function brushRanges(first: string, days: number, count: number, seed = 3): { from: string; to: string }[] {
  const r = rng(seed);
  const day = (offset: number) => {
    const d = new Date(Date.UTC(+first.slice(0, 4), +first.slice(5, 7) - 1, +first.slice(8, 10)) + offset * DAY);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  };
  const ranges = [
    { from: day(0), to: day(days - 1) },
    { from: day(0), to: day(0) },
    { from: day(days - 1), to: day(days - 1) },
  ];
  while (ranges.length < count) {
    const a = Math.floor(r() * days);
    const b = Math.min(days - 1, a + Math.floor(r() * days * 0.6));
    ranges.push({ from: day(a), to: day(b) });
  }
  return ranges;
}
