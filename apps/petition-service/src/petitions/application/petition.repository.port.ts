import type { KeysetPageRequest, KeysetSlice } from '@xaso/api';
import type { DuplicateCandidate, HistoryEntry, Petition, PetitionStatRecord } from '../domain';

export interface StoredPetition {
  petition: Petition;
  trackingSecretHash: string;
  version: number;
}

export interface PetitionListFilter {
  unitCode?: string;
  status?: string;
  kind?: string;
  petitionerUserId?: string;
  handlerId?: string;
}

/** The keyset of the petition list order (received_at DESC, code DESC): the cursor of a listed petition. */
export const petitionListKey = (p: Petition): [string, string] => [p.receivedAt.toISOString(), p.code];

export interface IdentityAccessRow {
  petitionCode: string;
  actorId: string;
  actorRole: string;
  purpose: string;
  at: Date;
}

/** The only code that touches petition tables; joins the ambient transaction (`TransactionRunner.run`). */
export abstract class PetitionRepository {
  /** Next 4-digit sequence for the unit and local day (serialised per unit and day). */
  abstract nextSequence(unitCode: string, day: string): Promise<number>;
  abstract insert(p: Petition, trackingSecretHash: string): Promise<void>;
  /**
   * Saves a changed petition if nobody changed it since `version` was read (else CONFLICT); appends
   * the history entries after `loadedHistoryLength` (the entries `p` was loaded with; the scheduler
   * loads none) numbered from `storedHistoryLength` (the entries stored).
   */
  abstract update(p: Petition, version: number, storedHistoryLength: number, loadedHistoryLength?: number): Promise<void>;
  /** `forUpdate`: the row stays locked until the transaction ends. */
  abstract findByCode(code: string, forUpdate?: boolean): Promise<StoredPetition | null>;
  abstract history(code: string): Promise<HistoryEntry[]>;
  /** A page newest first, keyed by (received_at, code) — see `petitionListKey`; the petitions come without their history. */
  abstract list(filter: PetitionListFilter, page: KeysetPageRequest): Promise<KeysetSlice<Petition>>;
  /** A unit's petitions received in [from, to] (local days), oldest first, at most `limit`; `truncated` when more exist. */
  abstract receivedInPeriod(unitCode: string, from: string, to: string, limit: number): Promise<{ nodes: Petition[]; truncated: boolean }>;
  /** Open (or resolved) cases of a unit that a new submission could duplicate. */
  abstract duplicateCandidates(unitCode: string, petitionerKey: string | undefined, category: string | undefined, since: Date): Promise<DuplicateCandidate[]>;
  abstract forStatistics(unitCode: string, from: string, to: string): Promise<PetitionStatRecord[]>;
  /**
   * Open petitions whose running deadline (acceptance before thụ lý, resolution after) is overdue
   * and not escalated for that due date, or due by `horizon` and not yet announced as due soon;
   * locked, skipping rows another scheduler instance holds. Must run inside a transaction. The
   * petitions come without their history (`historyLength` entries stored).
   */
  abstract lockDeadlineCandidates(today: string, horizon: string, limit: number): Promise<Array<StoredPetition & { historyLength: number }>>;
  abstract saveIdentity(code: string, keyId: string, ciphertext: string): Promise<void>;
  abstract loadIdentity(code: string): Promise<{ keyId: string; ciphertext: string } | null>;
  abstract identitiesNotUnderKey(keyId: string, limit: number): Promise<{ code: string; ciphertext: string }[]>;
  abstract logIdentityAccess(code: string, actorId: string, actorRole: string, purpose: string): Promise<void>;
  abstract identityAccessLog(code: string): Promise<IdentityAccessRow[]>;
}
