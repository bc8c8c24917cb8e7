export { columnsToIPC, validityOf } from './columns';
export type { ColumnValues, ColumnarTable, Validity } from './columns';
