// The "1+11+N" quarterly review: what pages and other areas may use.
export { FLAG_IDS, isFlagId, flagRules } from './flags';
export type { FlagId } from './flags';
export {
  DEFAULT_REVIEW_SETTINGS,
  THRESHOLD_KEYS,
  defaultReviewSettings,
  normaliseReviewSettings,
  changedReviewSettings,
} from './settings';
export type { ReviewSettings, ReviewThresholds, SeverityWeights } from './settings';
export { parseQuarter, formatQuarter, quarterPeriod, previousQuarter, shiftQuarter, quarterOfDate, quartersBetween } from './quarter';
export type { Quarter, QuarterId } from './quarter';
export { normalisedAddressSql, addressClusterSql, CLUSTER_WORDS } from './address';
export { keyTicketsQuery, scopeFilters, flagColumn } from './key-tickets';
export { keyTicketFromRow, reasonsFor, countByFlag } from './reasons';
export type { KeyTicket, Reason } from './reasons';
export {
  REVIEW_METRICS,
  FIGURE_SCOPES,
  areaFiguresQuery,
  figuresByScope,
  areaRankQuery,
  areaRank,
  ticketSpanQuery,
  resolveChoice,
} from './figures';
export type { ReviewMetricId, FigureScope, FigureValues, AreaRank, ReviewChoice } from './figures';
export { VERDICTS, RECTIFICATION_STATES, findingKey, emptyFinding, isBlankFinding, parseFinding, planMerge } from './findings';
export type { Finding, FindingKey, Verdict, RectificationState, MergePlan, MergeConflict, FindingProblem } from './findings';
export { findingsToJson, findingsToXlsx, readFindingsFile, FindingsFileError, FINDING_COLUMNS } from './findings-file';
export type { FindingsRead, InvalidRow } from './findings-file';
export { FindingsStore, ReviewSettingsStore } from './store';
export { keyTicketTable, reviewDeck, reasonText, packFileBase } from './pack';
export type { PackInput, Translate } from './pack';
