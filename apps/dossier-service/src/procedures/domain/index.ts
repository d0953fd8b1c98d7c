export * from './procedure';
export * from './procedure-seed';
