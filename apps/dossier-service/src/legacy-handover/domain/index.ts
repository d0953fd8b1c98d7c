export * from './legacy-handover-error';
export * from './legacy-status';
export * from './legacy-dossier-row';
