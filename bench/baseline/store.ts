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
}
