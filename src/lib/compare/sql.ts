// The comparison as SQL (DuckDB, in the engine worker). Records of the other sources are compared
// with grid events (and 12345 tickets with police calls) when, all at once:
//   - they are in the same township, and in the same village where both records have one (a
//     record naming none, a 12345 ticket, is given the village its address begins with, if any);
//   - their normalised addresses ($lib/review's normalisation) carry the same sequence of digits
//     (group, house and building numbers must agree: 3组12号 is never 3组13号) and have a
//     Jaro–Winkler similarity of at least settings.minSimilarity;
//   - their times are at most settings.windowDays apart.
// Blocking: records are keyed by (township, digit sequence, window-wide time bucket) and each
// non-grid record probes its own bucket and both neighbours, so DuckDB hash-joins small blocks
// instead of comparing every pair of a township. Records whose address has no digits cannot be
// placed and stay outside the comparison.
import { normalisedAddressSql } from '$lib/review/address';
import { ident, sql, trusted, type SqlFragment } from '$lib/sql';
import type { CompareSettings } from './settings';

export type CompareLevel = 'township' | 'village' | 'grid';
export const COMPARE_LEVELS: readonly CompareLevel[] = ['township', 'village', 'grid'];

/** Joins decision keys and list settings into one parameter DuckDB splits on newlines. */
function lines(values: readonly string[]): string {
  return values.map((v) => v.replace(/[\r\n]/g, ' ')).join('\n');
}

/** The key of a candidate pair in SQL and in decisions: the two record ids with U+001F between. */
export const PAIR_SEPARATOR = '\u001f';
export function pairKey(left: string, right: string): string {
  return `${left}${PAIR_SEPARATOR}${right}`;
}

/**
 * CTEs (no leading WITH) ending in `keyed` (comparable records), `pairs` (candidate matches)
 * and `eff` (the matches the figures count: every candidate until checking begins, then only
 * the accepted ones).
 */
/** The four tables compared; the bench points them at scaled copies, everything else at the canonical ones. */
export interface CompareSources {
  tickets: string;
  grid_events: string;
  police_non_emergency: string;
  special_population_alerts: string;
}

export const CANONICAL_SOURCES: Readonly<CompareSources> = Object.freeze({
  tickets: 'tickets',
  grid_events: 'grid_events',
  police_non_emergency: 'police_non_emergency',
  special_population_alerts: 'special_population_alerts',
});

/**
 * Where the comparison reads from: computed inline from the source tables (tests, the report
 * command, the bench), or from the TEMP tables comparePrepareStatements made (the page, which asks
 * several questions of one comparison).
 */
export type CompareBase = { settings: CompareSettings; from?: CompareSources } | { prepared: string };

/** `keyed`: every comparable record with its normalised address, digit sequence and time bucket. */
function keyedCtes(settings: CompareSettings, from: CompareSources): SqlFragment {
  // A bucket as wide as the window (at least a day): a pair within the window is in the same or a neighbouring bucket.
  const bucketSeconds = Math.max(1, settings.windowDays) * 86_400;
  const ticketCats = sql`string_split(${lines(settings.ticketCategories)}, chr(10))`;
  const policeCats = sql`string_split(${lines(settings.policeCategories)}, chr(10))`;
  return sql`src AS (
    SELECT 'grid' AS source, event_id AS id, reported_at AS ts, township, village, grid_id, address FROM ${ident(from.grid_events)}
    UNION ALL
    SELECT 'ticket', ticket_id, received_at, township, NULL, NULL, address FROM ${ident(from.tickets)}
    WHERE list_contains(${ticketCats}, split_part(category, '>', 1))
       OR list_contains(${ticketCats}, split_part(category, '>', 1) || '>' || split_part(category, '>', 2))
    UNION ALL
    SELECT 'police', call_id, received_at, township, village, NULL, address FROM ${ident(from.police_non_emergency)}
    WHERE list_contains(${policeCats}, category)
    UNION ALL
    SELECT 'alert', alert_id, alerted_at, township, village, NULL, address FROM ${ident(from.special_population_alerts)}
  ),
  -- Addresses repeat (a grid reports from a dozen places): normalise each distinct one once.
  -- No filter on norm, here or where spellings is read: DuckDB pushed "norm IS NOT NULL" below the
  -- projection and normalised every address a second time (the sample's 146,000 addresses: 2.0 s
  -- against 1.0 s in Node). None is needed: an address that normalises to nothing has no digits,
  -- which keyed requires, and begins with no village name, so prefixed never places it.
  spellings AS MATERIALIZED (
    SELECT address, norm, regexp_replace(norm, '[^0-9]', '', 'g') AS digits
    FROM (SELECT address, ${normalisedAddressSql(trusted('address'))} AS norm FROM (SELECT DISTINCT address FROM src WHERE address IS NOT NULL))
  ),
  -- A record that names no village (a 12345 ticket) takes the longest village name of its township
  -- that its normalised address begins with, so 常南社区22组21号 is never 复兴社区22组21号.
  villages AS (SELECT DISTINCT township, village FROM src WHERE source = 'grid' AND township IS NOT NULL AND village IS NOT NULL),
  unplaced AS (SELECT DISTINCT src.township, s.norm FROM src JOIN spellings s USING (address) WHERE src.village IS NULL AND src.township IS NOT NULL),
  prefixed AS MATERIALIZED (
    SELECT u.township, u.norm, arg_max(v.village, struct_pack(l := length(v.village), v := v.village)) AS village
    FROM unplaced u JOIN villages v ON v.township = u.township AND starts_with(u.norm, v.village)
    GROUP BY u.township, u.norm
  ),
  keyed AS MATERIALIZED (
    SELECT src.* REPLACE (coalesce(src.village, p.village) AS village), s.norm, s.digits, floor(epoch(src.ts) / ${bucketSeconds})::BIGINT AS bucket
    FROM src JOIN spellings s USING (address)
    LEFT JOIN prefixed p ON p.township = src.township AND p.norm = s.norm
    WHERE s.digits <> '' AND src.ts IS NOT NULL AND src.township IS NOT NULL AND src.id IS NOT NULL
  )`;
}

/** `probe` and `pairs` (the candidate matches) over a `keyed` defined before them. */
function pairCtes(settings: CompareSettings): SqlFragment {
  const windowSeconds = settings.windowDays * 86_400;
  return sql`probe AS (
    SELECT k.*, k.bucket + o.o AS probe_bucket FROM keyed k, (VALUES (-1), (0), (1)) o(o) WHERE k.source <> 'grid'
  ),
  pairs AS (
    SELECT p.source AS left_source, p.id AS left_id, p.ts AS left_at,
           r.source AS right_source, r.id AS right_id, r.ts AS right_at,
           p.township, coalesce(p.village, r.village) AS village, r.grid_id,
           round(jaro_winkler_similarity(p.norm, r.norm), 3) AS score
    FROM probe p JOIN keyed r ON r.township = p.township AND r.digits = p.digits AND r.bucket = p.probe_bucket
    WHERE (r.source = 'grid' OR (p.source = 'ticket' AND r.source = 'police'))
      AND abs(epoch(r.ts) - epoch(p.ts)) <= ${windowSeconds}
      AND (p.village IS NULL OR r.village IS NULL OR p.village = r.village)
      AND jaro_winkler_similarity(p.norm, r.norm) >= ${settings.minSimilarity}
  )`;
}

function keyedTable(name: string): SqlFragment {
  return ident(`${name}_keyed`);
}
function pairsTable(name: string): SqlFragment {
  return ident(`${name}_pairs`);
}

/** `keyed` and `pairs`, from the base. */
function baseCtes(base: CompareBase): SqlFragment {
  if ('prepared' in base) return sql`keyed AS (SELECT * FROM ${keyedTable(base.prepared)}), pairs AS (SELECT * FROM ${pairsTable(base.prepared)})`;
  return sql`${keyedCtes(base.settings, base.from ?? CANONICAL_SOURCES)}, ${pairCtes(base.settings)}`;
}

/**
 * Two statements computing the comparison once into TEMP tables `<name>_keyed` and `<name>_pairs`,
 * which later queries read with `{ prepared: name }`.
 */
export function comparePrepareStatements(settings: CompareSettings, name: string, from: CompareSources = CANONICAL_SOURCES): SqlFragment[] {
  return [
    sql`CREATE OR REPLACE TEMP TABLE ${keyedTable(name)} AS WITH ${keyedCtes(settings, from)} SELECT * FROM keyed`,
    sql`CREATE OR REPLACE TEMP TABLE ${pairsTable(name)} AS WITH keyed AS (SELECT * FROM ${keyedTable(name)}), ${pairCtes(settings)} SELECT * FROM pairs`,
  ];
}

export function compareDropStatements(name: string): SqlFragment[] {
  return [sql`DROP TABLE IF EXISTS ${keyedTable(name)}`, sql`DROP TABLE IF EXISTS ${pairsTable(name)}`];
}

/** `eff`: the matches the figures count — every candidate until checking begins, then only the accepted ones. */
function effCtes(accepted: readonly string[] | null): SqlFragment {
  const checking = accepted !== null;
  return sql`accepted AS (SELECT unnest(string_split(${lines(accepted ?? [])}, chr(10))) AS k),
  eff AS (
    SELECT * FROM pairs
    WHERE NOT ${checking} OR (left_id || chr(31) || right_id) IN (SELECT k FROM accepted)
  )`;
}

/**
 * Per unit (township, village or grid): problems that reached 12345 or the police, how many the
 * grid reported first (at or before the outside record, within the window), later, or never
 * (missed-report candidates, 漏报), those that reached both channels (repeats), and the
 * special-population alerts without a grid event at their place within the window after them.
 *
 * A record's unit: its own village (or the one its address begins with), else the village of its
 * best grid match, else of the grid events at the same normalised address;
 * its grid: that of its best grid match (highest similarity, then earliest, then largest id), else
 * the grid whose events are most often at its address in its village (ties: the largest grid id); a record no grid can be found for is the unit `<township>/-`.
 * `accepted` is null until checking begins; then only the listed pair keys count.
 */
export function compareUnitsQuery(base: CompareBase, level: CompareLevel, accepted: readonly string[] | null): SqlFragment {
  const key =
    level === 'township'
      ? trusted('township')
      : level === 'village'
        ? trusted(`township || '/' || coalesce(village, '-')`)
        : trusted(`coalesce(grid_id, township || '/-')`);
  return sql`WITH ${baseCtes(base)}, ${effCtes(accepted)},
  items AS (SELECT source, id, ts, township, village, norm FROM keyed WHERE source <> 'grid'),
  grid_links AS (
    SELECT left_id AS id, bool_or(right_at <= left_at) AS grid_first, bool_or(right_at >= left_at) AS grid_after,
           arg_max(grid_id, struct_pack(s := score, t := -epoch(right_at), r := right_id)) AS m_grid,
           arg_max(village, struct_pack(s := score, t := -epoch(right_at), r := right_id)) AS m_village
    FROM eff WHERE right_source = 'grid' GROUP BY left_id
  ),
  repeat_ids AS (
    SELECT left_id AS id FROM eff WHERE right_source = 'police'
    UNION SELECT right_id FROM eff WHERE right_source = 'police'
  ),
  -- Where the grid reports from: the most frequent grid (and village) of each normalised address.
  addr_counts AS (SELECT township, village, norm, grid_id, count(*) AS n FROM keyed WHERE source = 'grid' GROUP BY ALL),
  addr_any AS (SELECT township, norm, arg_max(village, struct_pack(n := n, g := grid_id)) AS a_village FROM addr_counts GROUP BY township, norm),
  addr_in_village AS (SELECT township, village, norm, arg_max(grid_id, struct_pack(n := n, g := grid_id)) AS a_grid FROM addr_counts GROUP BY township, village, norm),
  located AS (
    SELECT i.source, i.id, i.township, i.norm,
           coalesce(i.village, g.m_village, a.a_village) AS village, g.m_grid,
           g.id IS NOT NULL AS matched, coalesce(g.grid_first, FALSE) AS grid_first, coalesce(g.grid_after, FALSE) AS grid_after
    FROM items i
    LEFT JOIN grid_links g ON g.id = i.id
    LEFT JOIN addr_any a ON a.township = i.township AND a.norm = i.norm
  ),
  placed AS (
    SELECT l.source, l.township, l.village, coalesce(l.m_grid, a.a_grid) AS grid_id,
           l.matched, l.grid_first, l.grid_after, r.id IS NOT NULL AS repeated
    FROM located l
    LEFT JOIN addr_in_village a ON a.township = l.township AND a.village = l.village AND a.norm = l.norm
    LEFT JOIN (SELECT DISTINCT id FROM repeat_ids) r ON r.id = l.id
  ),
  figures AS (
    SELECT ${key} AS key, any_value(township) AS township,
           ${level === 'township' ? trusted('NULL::VARCHAR') : trusted('any_value(village)')} AS village,
           ${level === 'grid' ? trusted('any_value(grid_id)') : trusted('NULL::VARCHAR')} AS grid_id,
           count(*) FILTER (WHERE source <> 'alert')::INTEGER AS problems,
           count(*) FILTER (WHERE source <> 'alert' AND grid_first)::INTEGER AS grid_first,
           count(*) FILTER (WHERE source <> 'alert' AND matched AND NOT grid_first)::INTEGER AS grid_later,
           count(*) FILTER (WHERE source <> 'alert' AND NOT matched)::INTEGER AS missed,
           count(*) FILTER (WHERE source <> 'alert' AND repeated)::INTEGER AS repeats,
           count(*) FILTER (WHERE source = 'alert')::INTEGER AS alerts,
           count(*) FILTER (WHERE source = 'alert' AND NOT grid_after)::INTEGER AS alerts_unfollowed
    FROM placed GROUP BY 1
  )
  SELECT *, CASE WHEN problems > 0 THEN grid_first / problems END AS discovery_rate
  FROM figures ORDER BY township, key`;
}

export interface CandidateScope {
  township?: string | null;
  village?: string | null;
  gridId?: string | null;
}

/** The candidate pairs of a scope, most certain first within each place and time, at most `limit`. */
export function compareCandidatesQuery(base: CompareBase, scope: CandidateScope, limit: number): SqlFragment {
  const township = scope.township ?? null;
  const village = scope.village ?? null;
  const gridId = scope.gridId ?? null;
  return sql`WITH ${baseCtes(base)}
  SELECT left_source, left_id, left_at, right_source, right_id, right_at, township, village, grid_id, score,
         count(*) OVER ()::INTEGER AS total
  FROM pairs
  WHERE (${township}::VARCHAR IS NULL OR township = ${township})
    AND (${village}::VARCHAR IS NULL OR village = ${village})
    AND (${gridId}::VARCHAR IS NULL OR grid_id = ${gridId})
  ORDER BY township, left_at, left_id, score DESC, right_id
  LIMIT ${Math.max(0, Math.floor(limit))}`;
}

/** Every candidate pair's key and score: for the report command and the export of all candidates. */
export function compareAllPairsQuery(base: CompareBase): SqlFragment {
  return sql`WITH ${baseCtes(base)}
  SELECT left_source, left_id, right_source, right_id, township, village, grid_id, score FROM pairs
  ORDER BY township, left_at, left_id, score DESC, right_id`;
}
