// Pre-aggregated brush indexes for the ticket dashboard (issue 5, speed at scale).
export { buildTicketBrushIndex, BrushIndexSuperseded, BrushIndexDropped } from './brush-index';
export type { TicketBrushIndex, BrushStep } from './brush-index';
export type { IndexOptions } from './plan';
export { planIndex, dropStatements } from './plan';
export { effectiveRange, stepSql, keysSql, keyDictionary, readStep, viewRows, collect, histogramQuantile } from './read';
export type { DayRange, KeyDictionary, StepSums } from './read';
export { PartialCube, MAX_HELD_ROWS } from './cube';
export { TICKET_BRUSH_VIEWS, GROUP_METRICS, ON_TIME_COLUMNS } from './specs';
export type { BrushViewSpec } from './specs';
