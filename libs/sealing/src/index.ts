export * from './key-ring';
export * from './key-ring-cipher';
