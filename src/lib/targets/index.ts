// Targets (issue 15): the model kept with the 口径 settings, the three readings of a target, the
// per-unit gaps and the year-end projection. Node-safe (the report command uses it); the
// interface wording is in './describe', which needs the browser's i18n state.
export { TARGET_METRICS, TARGET_DENOMINATORS, DEFAULT_TARGETS, defaultTargets, readTargets, targetFor, targetsForYear } from './model';
export type { Target, TargetMetricId, TargetComparison, TargetUnitKind } from './model';
export { meetsTarget, targetGap, gapInTickets } from './evaluate';
export { projectYearEnd, normalCdf } from './projection';
export type { Projection, ProjectionInput } from './projection';
export { READINGS, targetPeriods } from './readings';
export type { ReadingId, ReadingPeriod, TargetPeriods } from './readings';
export { TARGET_CALLBACK_LEVELS, targetScope, targetContextQuery, targetReadingsQuery } from './sql';
export type { TargetScope, TargetReadingsOptions } from './sql';
export { targetReport, readingOf } from './report';
export type { Reading, UnitReading, TargetReport, ReadingRow } from './report';
