export { SqlFragment, sql, ident, qualified, join, trusted, literal } from './fragment';
export type { SqlValue, SqlPart } from './fragment';
