import { Injectable } from '@nestjs/common';
import { type MovableRecords, SetBasedMover } from '@xaso/rearrangement';
import { MOVING_POLL_STATUSES, POLL_RECORD_TYPE, STAYING_POLL_STATUSES } from '../domain/moving-polls';

const list = (statuses: readonly string[]) => statuses.map((s) => `'${s}'`).join(', ');

/**
 * Polls by unit; the roll (`poll_roll_entry`, keyed by poll) moves with its poll. A DRAFT poll
 * only changes its unit, so the board/ballot immutability triggers are never involved.
 */
const POLLS: MovableRecords = {
  recordType: POLL_RECORD_TYPE,
  table: 'poll',
  idColumn: 'id',
  unitColumn: 'unit_code',
  repoint: (to) => `unit_code = ${to}`,
  open: `r.status IN (${list(MOVING_POLL_STATUSES)})`,
  carriedOver: `r.status IN (${list(STAYING_POLL_STATUSES)})`,
  village: `r.village_code`,
  label: `r.matter || ' · ' || r.status`,
};

/** voting-service's participant: the shared set-based moves over `poll`. */
@Injectable()
export class PgPollMover extends SetBasedMover {
  protected readonly records = [POLLS];
}
