import { Injectable } from '@nestjs/common';
import { type MovableRecords, SetBasedMover } from '@xaso/rearrangement';
import { MEDIATION_RECORD_TYPE, OPEN_PETITION_STATUSES, PETITION_RECORD_TYPE, RECEPTION_RECORD_TYPE } from '../domain/moving-petitions';

const openList = OPEN_PETITION_STATUSES.map((s) => `'${s}'`).join(', ');

/**
 * The unit lives in the column and in the aggregate's JSON state (reads use the state). No address
 * rule: the petitioner's address exists only in the encrypted identity, which a move never reads,
 * and a feedback's location is a geo point, not words to match with village names.
 */
const PETITIONS: MovableRecords = {
  recordType: PETITION_RECORD_TYPE,
  table: 'petition',
  idColumn: 'code',
  unitColumn: 'unit_code',
  repoint: (to) => `unit_code = ${to}, state = jsonb_set(r.state, '{unitCode}', to_jsonb(${to}::text)), version = r.version + 1, updated_at = now()`,
  open: `r.status IN (${openList})`,
  carriedOver: `r.status NOT IN (${openList})`,
  village: `r.state->>'villageCode'`,
  label: `r.kind || ' · ' || r.status`,
};

const MEDIATION_CASES: MovableRecords = {
  recordType: MEDIATION_RECORD_TYPE,
  table: 'mediation_case',
  idColumn: 'id',
  unitColumn: 'unit_code',
  repoint: (to) => `unit_code = ${to}`,
  open: `r.closed_on IS NULL`,
  carriedOver: `r.closed_on IS NOT NULL`,
  label: `'mediation · ' || r.opened_on::text`,
};

/** Reception sessions are records of sessions held: they stay, counted as carried over. */
const RECEPTION_SESSIONS: MovableRecords = {
  recordType: RECEPTION_RECORD_TYPE,
  table: 'reception_session',
  idColumn: 'id',
  unitColumn: 'unit_code',
  repoint: (to) => `unit_code = ${to}`,
  open: `false`,
  carriedOver: `true`,
};

/** petition-service's participant: the shared set-based moves over its three record kinds. */
@Injectable()
export class PgPetitionMover extends SetBasedMover {
  protected readonly records = [PETITIONS, MEDIATION_CASES, RECEPTION_SESSIONS];
}
