// Enterprise-service requests (安商护企): a small, well-served stream. About half are answered on
// the spot by a policy specialist, and almost every call-back is satisfied.
import type { ColumnarTable } from '$lib/arrow';
import { creditCodeCheckChar } from '$lib/schema/credit-code';
import { TOWNSHIPS } from '$lib/schema/townships';
import { DAY_MS, HOUR_MS, MINUTE_MS, allocate, dayWeights, sortedTimesOfDay, toSecond, yearDays } from './calendar';
import { fullName, hotIndex } from './places';
import { WeightedIndex, type Rng } from './prng';
import { ENTERPRISE_STEMS, ENTERPRISE_UNITS, INDUSTRIES, POLICY_AREAS } from './vocab';

const SPECIALISTS = 67;
const ENTERPRISES = 700;
const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const REQUEST_TYPES = ['咨询', '求助', '投诉', '建议'] as const;
const REQUEST_TYPE_SHARE = [0.55, 0.28, 0.07, 0.1];

/** GB 11714 organisation-code check digit, so the embedded 9-character body looks genuine too. */
function orgCodeCheck(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8.charCodeAt(i);
    sum += (ch <= 57 ? ch - 48 : ch - 55) * weights[i];
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function creditCode(rng: Rng, individual: boolean): string {
  // 9 = registered by market regulation; 1 company, 2 individual business. 320684 is the former
  // 海门市 code, 320614 the district's since 2020; both appear in real registers.
  let body = '9' + (individual ? '2' : '1') + (rng.chance(0.7) ? '320684' : '320614');
  let org = rng.chance(0.6) ? 'MA' : '';
  while (org.length < 8) org += CODE_ALPHABET[rng.int(org.length < 2 ? 10 : CODE_ALPHABET.length)];
  body += org + orgCodeCheck(org);
  return body + creditCodeCheckChar(body);
}

export function generateEnterpriseRequests(
  rng: Rng,
  years: readonly number[],
  perYearMean: number,
  dataEnd: number,
): ColumnarTable {
  // Enterprises cluster in the industrial park and the bigger towns.
  const townPicker = new WeightedIndex(TOWNSHIPS.map((t) => t.population * (t.kind === '园区' ? 6 : 1)));
  const names = new Set<string>();
  const firms: { name: string; code: string; town: number }[] = [];
  while (firms.length < ENTERPRISES) {
    const individual = rng.chance(0.12);
    const stem = rng.pick(ENTERPRISE_STEMS);
    const name = individual
      ? `海门区${stem}${rng.pick(['五金店', '商行', '饭店', '建材经营部', '服装店'])}`
      : `南通${stem}${rng.pick(INDUSTRIES)}有限公司`;
    if (names.has(name)) continue;
    names.add(name);
    firms.push({ name, code: creditCode(rng, individual), town: townPicker.draw(rng.next()) });
  }

  // Every unit has a specialist; the rest go where the policy traffic is.
  const unitWeight = new Map<string, number>();
  for (const [, w, units] of POLICY_AREAS) for (const u of units) unitWeight.set(u, (unitWeight.get(u) ?? 0) + w / units.length);
  const specialistsOf = new Map<string, string[]>(ENTERPRISE_UNITS.map((u) => [u, [fullName(rng)]]));
  const extraPicker = new WeightedIndex(ENTERPRISE_UNITS.map((u) => unitWeight.get(u) ?? 0.3));
  for (let s = ENTERPRISE_UNITS.length; s < SPECIALISTS; s++) {
    specialistsOf.get(ENTERPRISE_UNITS[extraPicker.draw(rng.next())])!.push(fullName(rng));
  }

  const areaPicker = new WeightedIndex(POLICY_AREAS.map((a) => a[1]));
  const typePicker = new WeightedIndex(REQUEST_TYPE_SHARE);
  // Office hours only: 9–11 and 14–17 carry most requests.
  const hourPicker = new WeightedIndex([0, 0, 0, 0, 0, 0, 0, 0.2, 1, 2, 2, 1.5, 0.4, 1, 2, 2, 1.6, 0.6, 0.1, 0.05, 0, 0, 0, 0]);

  const plans = years.map((y) => {
    const days = yearDays(y);
    const total = Math.round(perYearMean * (0.95 + 0.1 * rng.next()));
    return { year: y, days, counts: allocate(total, dayWeights(days, rng, 0.5, 0.08)), total };
  });
  const n = plans.reduce((s, p) => s + p.total, 0);

  const request_id: string[] = [];
  const received_at: number[] = [];
  const enterprise_name: string[] = [];
  const credit_code: string[] = [];
  const request_type: string[] = [];
  const policy_area: string[] = [];
  const township: string[] = [];
  const department: string[] = [];
  const specialist: string[] = [];
  const direct_answer: boolean[] = [];
  const closed_at: (number | null)[] = [];
  const satisfaction: (string | null)[] = [];

  const times = new Float64Array(64);
  let i = 0;
  for (const { year, days, counts } of plans) {
    let seq = 0;
    for (let d = 0; d < counts.length; d++) {
      const count = counts[d];
      const offsets = sortedTimesOfDay(count > times.length ? new Float64Array(count) : times, count, hourPicker, rng);
      for (let k = 0; k < count; k++, i++) {
        const received = days.starts[d] + offsets[k];
        request_id[i] = `QY${year}${String(++seq).padStart(5, '0')}`;
        received_at[i] = received;
        const firm = firms[hotIndex(rng, firms.length)];
        enterprise_name[i] = firm.name;
        credit_code[i] = firm.code;
        township[i] = TOWNSHIPS[firm.town].township;
        const type = typePicker.draw(rng.next());
        request_type[i] = REQUEST_TYPES[type];
        const [area, , units] = POLICY_AREAS[areaPicker.draw(rng.next())];
        policy_area[i] = area;
        const unit = units[rng.int(units.length)];
        department[i] = unit;
        const people = specialistsOf.get(unit)!;
        specialist[i] = people[rng.int(people.length)];
        // A consultation is usually answered by the specialist at once; a complaint never is.
        const direct = rng.chance(type === 0 ? 0.69 : type === 1 ? 0.22 : type === 2 ? 0 : 0.3);
        direct_answer[i] = direct;
        const closed = toSecond(
          direct
            ? received + 10 * MINUTE_MS + rng.exp(2 * HOUR_MS)
            : received + 4 * HOUR_MS + rng.exp(3 * DAY_MS),
        );
        if (closed > dataEnd) {
          closed_at[i] = null;
          satisfaction[i] = null;
          continue;
        }
        closed_at[i] = closed;
        const r = rng.next();
        satisfaction[i] =
          r < 0.04 ? '未回访' : r < 0.04 + 0.96 * 0.996 ? (rng.chance(0.6) ? '非常满意' : rng.chance(0.88) ? '满意' : '基本满意') : '不满意';
      }
    }
  }

  return {
    length: n,
    columns: {
      request_id, received_at, enterprise_name, credit_code, request_type, policy_area, township,
      department, specialist, direct_answer, closed_at, satisfaction,
    },
  };
}
