import type { AttachmentRecord, Channel, DossierRecord, HistoryRecord, PauseRecord, SupplementRequestRecord } from '../application/dossier.records';

/** Mapping between the dossier tables' rows and the application's records. */
export type Row = Record<string, unknown>;

/** camelCase record key → snake_case column. */
export const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function toDossier(r: Row): DossierRecord {
  return {
    id: r.id as string,
    code: r.code as string,
    procedureCode: r.procedure_code as string,
    status: r.status as string,
    channel: r.channel as Channel,
    receivingUnitCode: r.receiving_unit_code as string,
    competentUnitCode: r.competent_unit_code as string,
    processingUnitCode: r.processing_unit_code as string,
    applicant: {
      sub: r.applicant_sub as string | null,
      fullName: r.applicant_full_name as string,
      idNumber: r.applicant_id_number as string,
      phone: r.applicant_phone as string | null,
      email: r.applicant_email as string | null,
      address: r.applicant_address as string | null,
    },
    formData: (r.form_data as Record<string, unknown>) ?? {},
    processingDays: r.processing_days as number,
    receivedAt: r.received_at as Date,
    dueAt: r.due_at as Date | null,
    originalDueAt: r.original_due_at as Date | null,
    pausedSince: r.paused_since as Date | null,
    pauses: (r.pauses as PauseRecord[]) ?? [],
    completedAt: r.completed_at as Date | null,
    returnedAt: r.returned_at as Date | null,
    closedAt: r.closed_at as Date | null,
    resultNote: r.result_note as string | null,
    apology: r.apology_issued_at
      ? {
          reason: r.apology_reason as string,
          newDueAt: r.apology_new_due_at as Date,
          previousDueAt: (r.apology_previous_due_at ?? r.due_at) as Date,
          issuedAt: r.apology_issued_at as Date,
          issuedBy: r.apology_issued_by as string,
        }
      : null,
    overdueFlaggedAt: r.overdue_flagged_at as Date | null,
    dueSoonFlaggedAt: r.due_soon_flagged_at as Date | null,
    version: r.version as number,
    legacyAgencyCode: (r.legacy_agency_code as string | null | undefined) ?? null,
    legacyCode: (r.legacy_code as string | null | undefined) ?? null,
  };
}

export function toHistory(r: Row): HistoryRecord {
  return {
    id: String(r.id),
    dossierId: r.dossier_id as string,
    action: r.action as string,
    fromStatus: r.from_status as string | null,
    toStatus: r.to_status as string,
    actorSub: r.actor_sub as string,
    actorRole: r.actor_role as string,
    actorUnit: r.actor_unit as string | null,
    note: r.note as string | null,
    data: (r.data as Record<string, unknown> | null) ?? null,
    at: r.at as Date,
  };
}

export function toSupplementRequest(r: Row): SupplementRequestRecord {
  return {
    id: r.id as string,
    dossierId: r.dossier_id as string,
    reason: r.reason as string,
    items: r.items as string[],
    requestedAt: r.requested_at as Date,
    requestedBy: r.requested_by as string,
    providedAt: r.provided_at as Date | null,
    providedNote: r.provided_note as string | null,
  };
}

export function toAttachment(r: Row): AttachmentRecord {
  return {
    id: r.id as string,
    dossierId: r.dossier_id as string,
    supplementRequestId: r.supplement_request_id as string | null,
    name: r.name as string,
    mediaType: r.media_type as string,
    size: Number(r.size),
    sha256: r.sha256 as string,
    addedAt: r.added_at as Date,
  };
}

/** The rows of an UPDATE … RETURNING (TypeORM returns [rows, count] for it on postgres). */
export function returnedRows(result: unknown[]): Row[] {
  return (Array.isArray(result[0]) ? (result[0] as Row[]) : (result as Row[]));
}
