export * from './local-date';
export * from './lunar';
export * from './holidays';
export * from './year-table';
export * from './working-calendar';
export * from './deadline';
