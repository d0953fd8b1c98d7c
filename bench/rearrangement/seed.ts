/**
 * Set-based seed of the records the bench moves, straight into the services' own tables
 * (generate_series, one INSERT … SELECT per slice): record i sits at legacy commune i mod K; in a
 * divided commune 9 records in 10 name one of its bench villages, the 10th names none (review).
 * 20 % of the dossiers are closed (RETURNED / REFUSED: they stay, carried over), 20 % of the
 * petitions RESOLVED. The secondary indexes are built after the rows (the same definitions), which
 * is several times faster than growing them row by row.
 */
import type { Pool } from 'pg';

const SLICE = 100_000;

export interface SeedUnits {
  codes: string[];
  parts: number[];
}

const village = (holder: string) =>
  `CASE WHEN u.parts > 0 AND (g.i / $5) % 10 <> 0
        THEN ${holder} || jsonb_build_object('villageCode', u.code || '-' || lpad((1 + (g.i / $5) % u.parts)::text, 3, '0')) ELSE ${holder} END`;

const unitOf = `CROSS JOIN LATERAL (SELECT ($1::text[])[1 + g.i % $5] AS code, ($2::int[])[1 + g.i % $5] AS parts) u`;

const DOSSIERS = `
  INSERT INTO dossier (id, code, procedure_code, status, channel, receiving_unit_code, competent_unit_code, processing_unit_code,
                       applicant_full_name, applicant_id_number, form_data, processing_days, received_at, due_at, original_due_at, closed_at)
  SELECT gen_random_uuid(), 'BR-' || u.code || '-' || lpad(g.i::text, 7, '0'), p.codes[1 + g.i % cardinality(p.codes)], s.status, 'DIRECT',
         u.code, u.code, u.code, 'Bench', lpad(g.i::text, 12, '0'), ${village(`'{}'::jsonb`)}, 5, s.received, s.received + interval '7 days',
         s.received + interval '7 days', CASE WHEN s.status IN ('RETURNED', 'REFUSED') THEN s.received + interval '3 days' END
    FROM generate_series($3::int, $4::int - 1) AS g(i)
    ${unitOf}
   CROSS JOIN (SELECT array_agg(code ORDER BY code) AS codes FROM procedure) p
   CROSS JOIN LATERAL (SELECT CASE WHEN g.i % 20 < 3 THEN 'RETURNED' WHEN g.i % 20 < 4 THEN 'REFUSED' WHEN g.i % 20 < 12 THEN 'RECEIVED' ELSE 'IN_PROCESSING' END AS status,
                              timestamptz '2025-06-01 08:00+07' + (g.i % 29) * interval '1 day' AS received) s`;

const PETITIONS = `
  INSERT INTO petition (code, unit_code, kind, channel, status, received_at, acceptance_due, state, tracking_secret_hash)
  SELECT s.code, u.code, s.kind, 'ONLINE', s.status, s.received, (s.received + interval '10 days')::date,
         ${village(`jsonb_build_object('code', s.code, 'unitCode', u.code, 'kind', s.kind, 'status', s.status)`)}, 'bench'
    FROM generate_series($3::int, $4::int - 1) AS g(i)
    ${unitOf}
   CROSS JOIN LATERAL (SELECT 'BRP-' || u.code || '-' || lpad(g.i::text, 7, '0') AS code,
                              (ARRAY['COMPLAINT', 'DENUNCIATION', 'RECOMMENDATION', 'FEEDBACK'])[1 + g.i % 4] AS kind,
                              (ARRAY['RESOLVED', 'RECEIVED', 'CLASSIFIED', 'ACCEPTED', 'ASSIGNED'])[1 + g.i % 5] AS status,
                              timestamptz '2025-06-01 08:00+07' + (g.i % 29) * interval '1 day' AS received) s`;

/** The table's indexes that back no constraint, as the migrations created them (dropped for the seed, then built again the same). */
async function secondaryIndexes(pool: Pool, table: string): Promise<{ name: string; definition: string }[]> {
  const { rows } = await pool.query(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = $1
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = format('%I', i.indexname)::regclass)`,
    [table],
  );
  return rows;
}

async function seed(pool: Pool, sql: string, table: string, units: SeedUnits, total: number, log: (m: string) => void): Promise<void> {
  const t0 = performance.now();
  const indexes = await secondaryIndexes(pool, table);
  for (const index of indexes) await pool.query(`DROP INDEX ${index.name}`);
  for (let from = 0; from < total; from += SLICE) {
    const to = Math.min(total, from + SLICE);
    await pool.query(sql, [units.codes, units.parts, from, to, units.codes.length]);
    log(`seed ${table}: ${to.toLocaleString('en')} / ${total.toLocaleString('en')} (${Math.round((to * 1000) / (performance.now() - t0)).toLocaleString('en')} rows/s)`);
  }
  for (const index of indexes) await pool.query(index.definition);
  log(`seed ${table}: ${indexes.length} indexes built again`);
  await pool.query(`VACUUM (ANALYZE) ${table}`);
}

export const seedDossiers = (pool: Pool, units: SeedUnits, total: number, log: (m: string) => void) => seed(pool, DOSSIERS, 'dossier', units, total, log);
export const seedPetitions = (pool: Pool, units: SeedUnits, total: number, log: (m: string) => void) => seed(pool, PETITIONS, 'petition', units, total, log);
