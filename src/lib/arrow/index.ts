export { columnsToIPC } from './columns';
export type { ColumnValues, ColumnarTable } from './columns';
