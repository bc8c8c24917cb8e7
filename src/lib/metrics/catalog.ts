// What the definitions page lists: every metric of the three tables plus the ranking's composite
// score, each with the query that computes it overall, built by the same metric layer as every
// figure so the SQL shown is the SQL run.
import type { FilterState } from '$lib/filters';
import {
  ENTERPRISE_METRIC_IDS,
  GRID_METRIC_IDS,
  RANKING_COMPONENTS,
  RANKING_SETTINGS,
  TICKET_METRIC_IDS,
  diffFromDefault,
  enterpriseMetricsQuery,
  gridMetricsQuery,
  metricDefinition,
  nonDefaultSettingsFor,
  rankingQuery,
  ticketMetricsQuery,
  type EnterpriseMetricId,
  type GridMetricId,
  type MetricSettings,
  type MetricTable,
  type SettingKey,
  type TicketMetricId,
} from '$lib/metrics';
import type { SqlFragment } from '$lib/sql';
import type { DefinitionTable } from '$lib/ui/DefinitionLinks.svelte';

export interface CatalogEntry {
  table: DefinitionTable;
  id: string;
  unit: 'count' | 'rate' | 'hours' | 'score';
  /** Plain-language definition; null for the ranking score, whose text lives in the messages. */
  text: { zh: string; en: string } | null;
  settings: readonly SettingKey[];
  nonDefault(settings: MetricSettings): SettingKey[];
  query(filters: FilterState, settings: MetricSettings): SqlFragment;
}

export interface CatalogSection {
  table: DefinitionTable;
  entries: CatalogEntry[];
}

function metricEntry(table: MetricTable, id: string, query: CatalogEntry['query']): CatalogEntry {
  const definition = metricDefinition(table, id);
  return {
    table,
    id,
    unit: definition.unit,
    text: { zh: definition.zh, en: definition.en },
    settings: definition.settings,
    nonDefault: (settings) => nonDefaultSettingsFor(table, id, settings),
    query,
  };
}

/** The ranking's own settings plus whatever changes one of its components. */
function rankingNonDefault(settings: MetricSettings): SettingKey[] {
  const changed = new Set<SettingKey>(RANKING_COMPONENTS.flatMap((c) => nonDefaultSettingsFor('tickets', c, settings)));
  // `rated` decides eligibility, so its exit-reason rule counts too.
  for (const key of nonDefaultSettingsFor('tickets', 'rated', settings)) changed.add(key);
  const own: SettingKey[] = ['excludeUnattributableFromRankings', 'minRatedForRanking', 'rankingWeights'];
  for (const key of diffFromDefault(settings)) if (own.includes(key)) changed.add(key);
  return RANKING_SETTINGS.filter((key) => changed.has(key));
}

export const CATALOG: readonly CatalogSection[] = [
  {
    table: 'tickets',
    entries: TICKET_METRIC_IDS.map((id) =>
      metricEntry('tickets', id, (filters, settings) => ticketMetricsQuery({ filters, settings, metrics: [id as TicketMetricId] })),
    ),
  },
  {
    table: 'grid_events',
    entries: GRID_METRIC_IDS.map((id) =>
      metricEntry('grid_events', id, (filters, settings) => gridMetricsQuery({ filters, settings, metrics: [id as GridMetricId] })),
    ),
  },
  {
    table: 'enterprise_requests',
    entries: ENTERPRISE_METRIC_IDS.map((id) =>
      metricEntry('enterprise_requests', id, (filters, settings) =>
        enterpriseMetricsQuery({ filters, settings, metrics: [id as EnterpriseMetricId] }),
      ),
    ),
  },
  {
    table: 'ranking',
    entries: [
      {
        table: 'ranking',
        id: 'score',
        unit: 'score',
        text: null,
        settings: RANKING_SETTINGS,
        nonDefault: rankingNonDefault,
        query: (filters, settings) => rankingQuery({ filters, settings, unit: 'township' }),
      },
    ],
  },
];

/** `tickets.satisfaction_rate` → its entry; also accepts the anchor form `metric-tickets-satisfaction_rate`. */
export function findEntry(ref: string | null): CatalogEntry | null {
  if (!ref) return null;
  const trimmed = ref.trim().replace(/^metric-/, '');
  for (const section of CATALOG) {
    for (const entry of section.entries) {
      if (trimmed === `${entry.table}.${entry.id}` || trimmed === `${entry.table}-${entry.id}`) return entry;
    }
  }
  // A bare id names the ticket metric: the headline figures are tickets'.
  return CATALOG[0].entries.find((e) => e.id === trimmed) ?? null;
}
