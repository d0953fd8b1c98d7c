/** Options of the dossier app (see bootstrap.ts). */
export interface DossierServiceOptions {
  /** Explicit database URL (tests); else DOSSIER_DATABASE_URL / DATABASE_URL. */
  databaseUrl?: string;
  /** Interval of the overdue / due-soon scheduler in ms (default 60 000; 0 disables the timer). */
  schedulerIntervalMs?: number;
  /** Test hooks (fault/race injection). */
  hooks?: {
    /** Runs after a transition read and decided, before its optimistic-locking UPDATE. */
    beforeWrite?: (code: string) => Promise<void> | void;
  };
}

export const DOSSIER_OPTIONS = Symbol('DOSSIER_OPTIONS');
