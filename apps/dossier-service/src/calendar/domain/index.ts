export * from './calendar-year';
