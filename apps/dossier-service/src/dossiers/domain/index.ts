export * from './dossier-domain-error';
export * from './dossier-status';
export * from './roles';
export * from './dossier-state-machine';
export * from './dossier-code';
export * from './id-number';
