export * from './tables';
export * from './townships';
