import { Injectable } from '@nestjs/common';
import { type MovableRecords, type MovedBatch, SetBasedMover, type SqlRunner } from '@xaso/rearrangement';
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
};

/**
 * dossier-service's participant: the shared set-based moves over `dossier`, plus one history
 * entry per moved dossier (TRANSFER by SYSTEM, the note names the plan), written set-based.
 */
@Injectable()
export class PgDossierMover extends SetBasedMover {
  protected readonly records = [DOSSIERS];

  protected override async afterBatch(sql: SqlRunner, _spec: MovableRecords, batch: MovedBatch): Promise<void> {
    const apply = batch.direction === 'apply';
    await sql.query(
      `INSERT INTO dossier_history (dossier_id, action, from_status, to_status, actor_sub, actor_role, actor_unit, note, data, at)
       SELECT d.id, 'TRANSFER', d.status, d.status, 'system:rearrangement', 'SYSTEM', ${apply ? 'm.target_code' : 'm.source_code'}, $2,
              jsonb_build_object('planId', m.plan_id, 'fromUnitCode', ${apply ? 'm.source_code' : 'm.target_code'}, 'toUnitCode', ${apply ? 'm.target_code' : 'm.source_code'}, 'rearrangement', true),
              now()
         FROM rearrangement_move m JOIN dossier d ON d.code = m.record_id
        WHERE m.record_type = '${DOSSIER_RECORD_TYPE}' AND m.${apply ? 'batch_id' : 'compensation_batch_id'} = $1::uuid`,
      [batch.batchId, rearrangementNote(batch.planId, batch.direction)],
    );
  }
}
