import { Injectable } from '@nestjs/common';
import { type AlsoOnMove, type MovedBatch, type MovableRecords, SetBasedMover } from '@xaso/rearrangement';
import { CLOSED_DOSSIER_STATUSES, DOSSIER_RECORD_TYPE, rearrangementNote } from '../domain/moving-dossiers';

const closedList = CLOSED_DOSSIER_STATUSES.map((s) => `'${s}'`).join(', ');

/** Dossiers by processing unit; the competent unit follows when it was the same unit. The receiving unit is history and stays. */
const DOSSIERS: MovableRecords = {
  recordType: DOSSIER_RECORD_TYPE,
  table: 'dossier',
  idColumn: 'code',
  unitColumn: 'processing_unit_code',
  repoint: (to, from) =>
    `processing_unit_code = ${to}, competent_unit_code = CASE WHEN r.competent_unit_code = ${from} THEN ${to} ELSE r.competent_unit_code END, updated_at = now(), version = r.version + 1`,
  open: `r.status NOT IN (${closedList})`,
  carriedOver: `r.status IN (${closedList})`,
  village: `r.form_data->>'villageCode'`,
  address: `r.applicant_address`,
  label: `r.procedure_code || ' · ' || r.status`,
  movedColumns: 'r.id AS dossier_id, r.status',
};

/**
 * dossier-service's participant: the shared set-based moves over `dossier`, plus one history
 * entry per moved dossier (TRANSFER by SYSTEM, the note names the plan), written by the move
 * statement itself from the rows it re-pointed.
 */
@Injectable()
export class PgDossierMover extends SetBasedMover {
  protected readonly records = [DOSSIERS];

  protected override alsoOnMove(_spec: MovableRecords, batch: MovedBatch): AlsoOnMove {
    return (param) => `
      INSERT INTO dossier_history (dossier_id, action, from_status, to_status, actor_sub, actor_role, actor_unit, note, data, at)
      SELECT moved.dossier_id, 'TRANSFER', moved.status, moved.status, 'system:rearrangement', 'SYSTEM', moved.to_code, ${param(rearrangementNote(batch.planId, batch.direction))}::text,
             jsonb_build_object('planId', $1::text, 'fromUnitCode', moved.from_code, 'toUnitCode', moved.to_code, 'rearrangement', true), now()
        FROM moved`;
  }
}
