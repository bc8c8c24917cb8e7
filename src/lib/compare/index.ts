// Routine comparison of grid events with 12345 tickets, police non-emergency calls and
// special-population alerts (信息常态比对): what pages, the report command and the bench may use.
export { DEFAULT_COMPARE_SETTINGS, defaultCompareSettings, normaliseCompareSettings } from './settings';
export type { CompareSettings } from './settings';
export {
  CANONICAL_SOURCES,
  COMPARE_LEVELS,
  PAIR_SEPARATOR,
  pairKey,
  comparePrepareStatements,
  compareDropStatements,
  compareUnitsQuery,
  compareCandidatesQuery,
  compareAllPairsQuery,
} from './sql';
export type { CompareBase, CompareLevel, CandidateScope, CompareSources } from './sql';
export { VERDICTS, decisionKey, parseDecision, acceptedKeys, planDecisionMerge, decisionsToJson, readDecisionsJson } from './decisions';
export type { CompareDecision, CompareVerdict } from './decisions';
export { DecisionsStore, CompareSettingsStore } from './store';
