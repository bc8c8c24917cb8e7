export * from './tables';
export * from './townships';
export * from './columns';
export * from './credit-code';
