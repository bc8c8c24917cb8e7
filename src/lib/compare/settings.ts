// The comparison's own rules (信息常态比对): the time window, the address-similarity threshold and
// which categories are problems a grid is expected to find itself. Defaults are documented here
// and shown on the page; the user's changes are saved with $lib/store and always read back
// through normaliseCompareSettings.

export interface CompareSettings {
  version: 1;
  /** Two records can be one problem when their times are at most this many days apart. Default 7. */
  windowDays: number;
  /**
   * Jaro–Winkler similarity (DuckDB's jaro_winkler_similarity, over the UTF-8 bytes) of the two
   * normalised addresses at least this. Default 0.9: 江海路18号 / 江海中路18号 is 0.96, while
   * 东兴村3组12号 / 西兴村3组12号 (one character apart in a short address) is 0.89.
   */
  minSimilarity: number;
  /** 12345 ticket categories (first level, or first>second) the grid should have found. */
  ticketCategories: string[];
  /** Police non-emergency categories the grid should have found. */
  policeCategories: string[];
}

export const DEFAULT_COMPARE_SETTINGS: Readonly<CompareSettings> = Object.freeze({
  version: 1,
  windowDays: 7,
  minSimilarity: 0.9,
  ticketCategories: ['城市管理', '生态环境', '城乡建设>建筑施工'],
  policeCategories: ['噪音扰民', '邻里纠纷', '占道经营', '环境污染'],
} satisfies CompareSettings);

export function defaultCompareSettings(): CompareSettings {
  return structuredClone(DEFAULT_COMPARE_SETTINGS) as CompareSettings;
}

function textList(value: unknown): string[] | null {
  if (!Array.isArray(value)) return null;
  const out = value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
  return [...new Set(out)];
}

/** Settings from an untrusted record: anything out of range falls back to its default, and is reported. */
export function normaliseCompareSettings(raw: unknown): { settings: CompareSettings; problems: string[] } {
  const settings = defaultCompareSettings();
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { settings, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { settings, problems: ['record'] };
  const r = raw as Record<string, unknown>;
  if (r.windowDays !== undefined) {
    const w = Number(r.windowDays);
    if (Number.isInteger(w) && w >= 0 && w <= 90) settings.windowDays = w;
    else problems.push('windowDays');
  }
  if (r.minSimilarity !== undefined) {
    const s = Number(r.minSimilarity);
    if (Number.isFinite(s) && s >= 0.5 && s <= 1) settings.minSimilarity = s;
    else problems.push('minSimilarity');
  }
  for (const key of ['ticketCategories', 'policeCategories'] as const) {
    if (r[key] === undefined) continue;
    const list = textList(r[key]);
    if (list) settings[key] = list;
    else problems.push(key);
  }
  return { settings, problems };
}
