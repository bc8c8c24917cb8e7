// The metric layer (口径): what the browser, the report command and the rankings may use.
export {
  DEFAULT_SETTINGS,
  SETTING_KEYS,
  defaultSettings,
  diffFromDefault,
  isDefaultSettings,
  normaliseSettings,
  normaliseAsOf,
} from './settings';
export type {
  MetricSettings,
  SettingKey,
  ExitExclusion,
  SatisfactionVariant,
  DurationMode,
  RankingWeights,
  SettingsReadResult,
} from './settings';

export { TICKET_METRIC_IDS, TICKET_TREND_METRICS, ticketMetricsQuery, ticketMonthlyTrendQuery } from './tickets';
export type { TicketMetricId, TicketMetricsOptions } from './tickets';
export { GRID_METRIC_IDS, gridMetricsQuery } from './grid';
export type { GridMetricId, GridMetricsOptions } from './grid';
export { ENTERPRISE_METRIC_IDS, enterpriseMetricsQuery } from './enterprise';
export type { EnterpriseMetricId, EnterpriseMetricsOptions } from './enterprise';

export { TICKET_GROUP_BYS, GRID_GROUP_BYS, ENTERPRISE_GROUP_BYS } from './grouping';
export type { TicketGroupBy, GridGroupBy, EnterpriseGroupBy, GroupBy } from './grouping';

export { asOfSql, asOfQuery } from './as-of';
export { prepareMetrics, METRIC_TABLES } from './prepare';

export { RANKING_COMPONENTS, rankingQuery, rankChange } from './rankings';
export type { RankingUnit, RankingComponent, RankingRow, RankingOptions } from './rankings';

export {
  TICKET_DEFINITIONS,
  GRID_DEFINITIONS,
  ENTERPRISE_DEFINITIONS,
  RANKING_SETTINGS,
  metricDefinition,
  describeMetric,
  nonDefaultSettingsFor,
} from './definitions';
export type { MetricDefinition, MetricDirection, MetricUnit, MetricTable, Lang } from './definitions';
