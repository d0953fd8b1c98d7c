export * from './fold';
export * from './id-number';
export * from './csv';
