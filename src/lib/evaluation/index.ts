// The annual evaluation of grid workers (网格员年度考核): grades and the subsidy allocation.
// Not yet here (issue 16 step 3): the per-worker score from the year's data, its settings and the
// #/grid/evaluation page.
export { GRADES, DEFAULT_BANDS, bandOf, compareWorkers, gradeWorkers } from './grades';
export type { Grade, GradeBands, ScoredWorker } from './grades';
export { DEFAULT_POOL_YUAN, DEFAULT_COEFFICIENTS, allocateSubsidy } from './subsidy';
export type { Payment, SubsidyInput } from './subsidy';
