import type { KeysetPageRequest, KeysetSlice } from '@xaso/api';
import type {
  AttachmentRecord,
  DossierChanges,
  DossierListFilter,
  DossierRecord,
  DossierScope,
  HistoryRecord,
  SupplementRequestRecord,
  TrackingRecord,
} from './dossier.records';

/** The only code that reads and writes the dossier tables. Joins the ambient transaction (`TransactionRunner.run`). */
export abstract class DossierRepository {
  /**
   * Next number of an agency's daily sequence. Concurrent submissions are serialised on
   * (agency, day) and get consecutive, distinct numbers (a rolled back submission leaves a gap,
   * which the code format allows).
   */
  abstract nextSequence(agencyCode: string, day: string): Promise<number>;
  /** A received dossier with its attachments and its first history entry (one statement: the code sequence's row lock is held that much shorter). */
  abstract insertReceived(d: DossierRecord, attachments: AttachmentRecord[], history: Omit<HistoryRecord, 'id'>): Promise<void>;
  abstract findByCode(code: string): Promise<DossierRecord | null>;
  /** Public tracking: the dossier with its procedure's name and its history, in one round trip. */
  abstract findTracking(code: string): Promise<TrackingRecord | null>;
  /** Dossiers handed over from a legacy system under this original code (several agencies may have used it). */
  abstract findByLegacyCode(legacyCode: string): Promise<DossierRecord[]>;
  abstract findByIds(ids: readonly string[]): Promise<DossierRecord[]>;
  /**
   * Optimistic locking: writes only if the row still has `expectedVersion`, bumping the version.
   * Nobody else changed the row → the updated dossier; otherwise CONFLICT (409).
   */
  abstract update(id: string, expectedVersion: number, changes: DossierChanges): Promise<DossierRecord>;
  abstract addHistory(entry: Omit<HistoryRecord, 'id'>): Promise<void>;
  abstract historyOf(dossierIds: readonly string[]): Promise<HistoryRecord[]>;
  abstract addSupplementRequest(request: SupplementRequestRecord): Promise<void>;
  /** Marks the open supplement request of a dossier as answered; returns its id. */
  abstract closeSupplementRequest(dossierId: string, providedAt: Date, note: string | null): Promise<string | null>;
  abstract supplementRequestsOf(dossierIds: readonly string[]): Promise<SupplementRequestRecord[]>;
  abstract addAttachments(attachments: AttachmentRecord[]): Promise<void>;
  abstract attachmentsOf(dossierIds: readonly string[]): Promise<AttachmentRecord[]>;
  /**
   * Dossiers visible in `scope`, filtered, newest first: by (received_at, code) descending, the
   * page after the key `page.after` ([receivedAt ISO instant, code]).
   */
  abstract list(scope: DossierScope, filter: DossierListFilter, page: KeysetPageRequest): Promise<KeysetSlice<DossierRecord>>;
  /**
   * Scheduler: flags, in one set-based write, open running (not paused) dossiers past their due
   * instant that were not flagged yet; returns the newly flagged ones. The version is not bumped:
   * a flag is not a business change and must not make an officer's transition conflict.
   */
  abstract flagOverdue(now: Date): Promise<DossierRecord[]>;
  /** Scheduler: flags dossiers due within `hours` (default 24, and not yet overdue) once; returns them. */
  abstract flagDueSoon(now: Date, hours?: number): Promise<DossierRecord[]>;
}
