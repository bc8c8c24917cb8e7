export { EngineClient, QuerySuperseded, isSuperseded, type QueryOptions } from './client';
export type { EngineStartTimings } from './client';
export { missingCapabilities } from './capabilities';
export type { Engine } from './types';
export { rowsOf, numberIn, sameRows } from './rows';
export type { Row, Cell } from './rows';
