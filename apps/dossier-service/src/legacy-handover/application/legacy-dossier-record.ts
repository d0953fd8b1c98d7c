import { DossierStatus, isFinishedStatus, isTerminalStatus } from '../../dossiers/domain';
import type { DossierRecord } from '../../dossiers/application/dossier.records';
import type { LegacyDossierDraft } from '../domain';

/**
 * A checked row as a dossier: under the legacy unit (receiving, competent and processing) and its
 * received date, with the old system's due date as both due and original due date; finished
 * statuses carry their closing instant. Handed-over dossiers came to a counter: channel DIRECT.
 * An open dossier already past its due date went overdue under the old system: it is flagged at
 * import, so the scheduler does not announce it as going overdue today.
 */
export function legacyDossierRecord(d: LegacyDossierDraft, ids: { id: string; code: string; processingDays: number }, now: Date): DossierRecord {
  const finished = isFinishedStatus(d.status);
  return {
    id: ids.id,
    code: ids.code,
    procedureCode: d.procedureCode,
    status: d.status,
    channel: 'DIRECT',
    receivingUnitCode: d.agencyCode,
    competentUnitCode: d.agencyCode,
    processingUnitCode: d.agencyCode,
    applicant: { sub: null, fullName: d.applicant.fullName, idNumber: d.applicant.idNumber, phone: d.applicant.phone, email: null, address: d.address },
    formData: { legacyStatus: d.legacyStatus },
    processingDays: ids.processingDays,
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    originalDueAt: d.dueAt,
    pausedSince: null,
    pauses: [],
    completedAt: finished ? d.closedAt : null,
    returnedAt: d.status === DossierStatus.RETURNED ? d.closedAt : null,
    closedAt: isTerminalStatus(d.status) ? d.closedAt : null,
    resultNote: null,
    apology: null,
    overdueFlaggedAt: !finished && d.dueAt < now ? now : null,
    dueSoonFlaggedAt: null,
    version: 1,
    legacyAgencyCode: d.agencyCode,
    legacyCode: d.originalCode,
  };
}

/** The history entry of the hand-over (Vietnamese first, as the one-stop shop shows it). */
export function legacyHistoryNote(d: Pick<DossierRecord, 'legacyAgencyCode' | 'legacyCode'>): string {
  return `Tiếp nhận từ hệ thống cũ của đơn vị ${d.legacyAgencyCode}, mã hồ sơ gốc ${d.legacyCode} / received from the legacy system of ${d.legacyAgencyCode}, original code ${d.legacyCode}`;
}
