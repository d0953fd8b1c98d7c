/**
 * The bare baseline: the whole mapping in one plain `UPDATE … FROM unnest(mapping) WHERE …` per
 * table, the same SET list and the same open / village rules as the participants' movers, on an
 * identical copy of the rows: no move log, no ledger, no history entries, no replies.
 */
import type { MappingRow } from '@xaso/rearrangement';
import type { Pool } from 'pg';
import { CLOSED_DOSSIER_STATUSES } from '../../apps/dossier-service/src/rearrangement/domain/moving-dossiers';
import { OPEN_PETITION_STATUSES } from '../../apps/petition-service/src/rearrangement/domain/moving-petitions';

const list = (values: readonly string[]) => values.map((s) => `'${s}'`).join(', ');

const MAPPING = `unnest($1::text[], $2::text[], $3::text[]) AS m(source, village, target)`;

export const RAW_UPDATES = {
  dossier: `
    UPDATE dossier r SET processing_unit_code = m.target,
           competent_unit_code = CASE WHEN r.competent_unit_code = m.source THEN m.target ELSE r.competent_unit_code END,
           updated_at = now(), version = r.version + 1
      FROM ${MAPPING}
     WHERE r.processing_unit_code = m.source AND (m.village IS NULL OR m.village = r.form_data->>'villageCode')
       AND r.status NOT IN (${list(CLOSED_DOSSIER_STATUSES)})`,
  petition: `
    UPDATE petition r SET unit_code = m.target, state = jsonb_set(r.state, '{unitCode}', to_jsonb(m.target::text)),
           version = r.version + 1, updated_at = now()
      FROM ${MAPPING}
     WHERE r.unit_code = m.source AND (m.village IS NULL OR m.village = r.state->>'villageCode')
       AND r.status IN (${list(OPEN_PETITION_STATUSES)})`,
} as const;

/** The records' units after the move, as one digest per table: the participant's copy and the raw copy must agree. */
export const STATE_DIGESTS = {
  dossier: `SELECT md5(string_agg(code || ':' || processing_unit_code || ':' || competent_unit_code, ',' ORDER BY code)) AS digest, count(*)::int AS n FROM dossier`,
  petition: `SELECT md5(string_agg(code || ':' || unit_code || ':' || (state->>'unitCode'), ',' ORDER BY code)) AS digest, count(*)::int AS n FROM petition`,
} as const;

export async function rawMove(pool: Pool, service: keyof typeof RAW_UPDATES, mapping: readonly MappingRow[]): Promise<{ moved: number; ms: number }> {
  const t0 = performance.now();
  const result = await pool.query(RAW_UPDATES[service], [mapping.map((m) => m.source), mapping.map((m) => m.village), mapping.map((m) => m.target)]);
  return { moved: result.rowCount ?? 0, ms: performance.now() - t0 };
}
