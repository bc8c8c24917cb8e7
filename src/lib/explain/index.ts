// Explaining a change (issue 15): Kitagawa's decomposition of a rate's change over a grouping
// into mix and rate effects, small groups pooled, from the metric layer's group counts.
export { decompose, poolSmallGroups, MIN_GROUP_SIZE, POOLED_KEY } from './decompose';
export type { GroupCounts, Driver, Decomposition } from './decompose';
export { EXPLAIN_METRICS, EXPLAIN_DIMENSIONS, parseExplainQuery, formatExplainQuery, basePeriod, explainQuery, groupCounts, explainHref } from './query';
export type { ExplainMetricId, ExplainDimension, ExplainCompare, ExplainRequest } from './query';
export { waterfallSteps } from './waterfall';
export type { WaterfallStep } from './waterfall';
