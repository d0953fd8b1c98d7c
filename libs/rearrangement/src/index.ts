export * from './lib/migrations';
export * from './lib/movable-records';
export * from './lib/set-based-moves';
export * from './lib/mover';
export * from './lib/participant';
export * from './lib/address-keys';
