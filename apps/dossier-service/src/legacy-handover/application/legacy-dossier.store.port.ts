import type { LegacyUnitVersion } from '../domain';
import type { DossierRecord } from '../../dossiers/application/dossier.records';

/** (legacy agency code, original code): what makes a hand-over idempotent. */
export interface LegacyKey {
  agencyCode: string;
  originalCode: string;
}

/** A stored dossier of an earlier call with the same key. */
export interface ImportedLegacyDossier extends LegacyKey {
  code: string;
}

/** The history entry written with each imported dossier. */
export interface LegacyHistoryEntry {
  actorSub: string;
  actorRole: string;
  note: string;
  at: Date;
}

/** Storage of the hand-over: joins the ambient transaction (`TransactionRunner.run`). */
export abstract class LegacyDossierStore {
  /** Every version of these unit codes in the unit replica. */
  abstract agencyVersions(codes: readonly string[]): Promise<Map<string, LegacyUnitVersion[]>>;
  /** Dossiers already imported under these keys. */
  abstract findImported(keys: readonly LegacyKey[]): Promise<ImportedLegacyDossier[]>;
  /** Reserves `count` consecutive numbers of an agency's daily sequence; returns the first. */
  abstract reserveSequence(agencyCode: string, day: string, count: number): Promise<number>;
  /**
   * Inserts the dossiers in one statement, skipping any whose key another call stored meanwhile,
   * and a history entry for each inserted one; returns the inserted dossiers' codes.
   */
  abstract insertAll(dossiers: readonly DossierRecord[], history: (d: DossierRecord) => LegacyHistoryEntry & { data: Record<string, unknown> }): Promise<Set<string>>;
}
