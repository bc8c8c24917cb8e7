export { columnsToIPC, validityOf } from './columns';
export type { ColumnValues, ColumnarTable, Validity } from './columns';
export { numberReader, textReader } from './read';
export type { ColumnReader } from './read';
