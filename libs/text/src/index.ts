export * from './fold';
export * from './id-number';
