// The district's areas (区镇). The sample data uses these real names with synthetic figures; an
// import resolves short forms and pre-merger names through `aliases` (海门 → 海门街道).

export type TownshipKind = '街道' | '镇' | '园区';

export interface Township {
  township: string;
  kind: TownshipKind;
  aliases: readonly string[];
  /** Synthetic resident population, for per-10k-people rates. */
  population: number;
}

export const TOWNSHIPS: readonly Township[] = [
  { township: '海门街道', kind: '街道', aliases: ['海门', '海门镇'], population: 238000 },
  { township: '三厂街道', kind: '街道', aliases: ['三厂', '三厂镇'], population: 96000 },
  { township: '滨江街道', kind: '街道', aliases: ['滨江'], population: 121000 },
  { township: '常乐镇', kind: '镇', aliases: ['常乐'], population: 82000 },
  { township: '悦来镇', kind: '镇', aliases: ['悦来'], population: 64000 },
  { township: '四甲镇', kind: '镇', aliases: ['四甲'], population: 71000 },
  { township: '余东镇', kind: '镇', aliases: ['余东'], population: 68000 },
  { township: '正余镇', kind: '镇', aliases: ['正余'], population: 59000 },
  { township: '包场镇', kind: '镇', aliases: ['包场'], population: 62000 },
  { township: '临江镇', kind: '镇', aliases: ['临江', '临江新区'], population: 77000 },
  { township: '海永镇', kind: '镇', aliases: ['海永'], population: 21000 },
  { township: '海门工业园区', kind: '园区', aliases: ['工业园区', '海门开发区', '经济技术开发区'], population: 45000 },
];

const byAlias = new Map<string, string>();
for (const t of TOWNSHIPS) {
  byAlias.set(t.township, t.township);
  for (const a of t.aliases) byAlias.set(a, t.township);
}

/** The canonical name for a township as written in an export, or null when it is unknown. */
export function resolveTownship(name: string, extra?: ReadonlyMap<string, string>): string | null {
  const trimmed = name.replace(/\s+/g, '');
  if (!trimmed) return null;
  return extra?.get(trimmed) ?? byAlias.get(trimmed) ?? null;
}
