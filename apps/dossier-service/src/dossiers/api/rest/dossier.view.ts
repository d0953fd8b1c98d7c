import { shownDueAt } from '../../application/domain-bridge';
import type { DossierRecord } from '../../application/dossier.records';

/** REST view of a dossier (the applicant's data only reaches callers allowed to see the dossier). */
export function dossierView(d: DossierRecord, overdue: boolean) {
  return {
    code: d.code,
    procedureCode: d.procedureCode,
    status: d.status,
    channel: d.channel,
    receivingUnitCode: d.receivingUnitCode,
    competentUnitCode: d.competentUnitCode,
    processingUnitCode: d.processingUnitCode,
    applicant: { fullName: d.applicant.fullName, idNumber: d.applicant.idNumber, phone: d.applicant.phone, email: d.applicant.email, address: d.applicant.address },
    formData: d.formData,
    receivedAt: d.receivedAt,
    dueAt: shownDueAt(d),
    originalDueAt: d.originalDueAt,
    paused: !!d.pausedSince,
    completedAt: d.completedAt,
    returnedAt: d.returnedAt,
    resultNote: d.resultNote,
    overdue,
    apology: d.apology ? { reason: d.apology.reason, newDueAt: d.apology.newDueAt, issuedAt: d.apology.issuedAt } : null,
    version: d.version,
    legacyCode: d.legacyCode ?? null,
    legacyAgencyCode: d.legacyAgencyCode ?? null,
  };
}
