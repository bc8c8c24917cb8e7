export { SqlFragment, sql, ident, qualified, join, trusted, literal, inlineParams, boundLiteral } from './fragment';
export type { SqlValue, SqlPart } from './fragment';
