// The annual evaluation of grid workers (网格员年度考核): the rules (saved with the 口径 settings),
// the per-worker figures as SQL, the score, grades and the subsidy allocation, and the sign-off
// workbook. What pages, the report command and the bench may use.
export { GRADES, DEFAULT_BANDS, bandOf, compareWorkers, gradeWorkers } from './grades';
export type { Grade, GradeBands, ScoredWorker } from './grades';
export { DEFAULT_POOL_YUAN, DEFAULT_COEFFICIENTS, allocateSubsidy } from './subsidy';
export type { Payment, SubsidyInput } from './subsidy';
export { COMPONENTS, DEFAULT_EVALUATION, defaultEvaluationSettings, readEvaluationSettings } from './settings';
export type { ComponentId, ComponentRule, EvaluationSettings } from './settings';
export { evaluateWorkers, normalise, roundScore, scoreComponents } from './score';
export type { ComponentScore, EvaluatedWorker, Evaluation, EvaluationTotals, GradeReason, WorkerFigures } from './score';
export { evaluationYearsQuery, readEvaluationYears, missedByWorkerQuery, readMissed, readWorkerFigures, workerFiguresQuery, yearFilters } from './sql';
export { evaluationRulesSheet, evaluationWorkersSheet } from './workbook';
export type { Label } from './workbook';
