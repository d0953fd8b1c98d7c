export * from './lib/export-table';
export * from './lib/table-writers';
