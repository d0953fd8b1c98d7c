import type { SubmitDossierInput } from '../lib/fixtures';

export interface TrackedDossier {
  code: string;
  status: string;
  receivedAt: string;
  procedureName?: string;
  dueAt?: string | null;
  history?: { status: string; action: string; at: string }[];
}

/** The SQL the baseline runs: the same INSERT and SELECT as the dossier service. */
export interface BaselineStore {
  readonly description: string;
  prepare(): Promise<void>;
  submit(input: SubmitDossierInput): Promise<TrackedDossier>;
  track(code: string, idNumberLast4: string): Promise<TrackedDossier | null>;
  /**
   * A commune officer's list page: the dossiers of `unitCode` (receiving, competent or
   * processing), newest first, `first` rows with their procedure, and the total count (what
   * the dossier service's `dossiers(first:)` runs). Absent on stores without the service's tables.
   */
  list?(unitCode: string, first: number): Promise<{ totalCount: number; items: ListedDossier[] }>;
}

export interface ListedDossier {
  code: string;
  status: string;
  channel: string;
  receivedAt: string;
  dueAt: string | null;
  procedure: { code: string; name: string } | null;
}
