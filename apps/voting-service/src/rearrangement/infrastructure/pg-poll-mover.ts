import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type MovableRecords, SetBasedMover, type StepContext, type StepOutcome } from '@xaso/rearrangement';
import { ClosePollsByRule } from '../../polls/application/close-polls-by-rule.use-case';
import { closedByRearrangementReason, MOVING_POLL_STATUSES, POLL_RECORD_TYPE, STAYING_POLL_STATUSES } from '../domain/moving-polls';

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

/**
 * voting-service's participant: the shared set-based moves over `poll`; before them, on APPLY,
 * the OPEN polls held in a village of a divided source close by rule (few: one close each, for
 * the tally and the board; in the step's transaction, so a failed step closes none). They are
 * then counted as carried over with the other polls that stay.
 */
@Injectable()
export class PgPollMover extends SetBasedMover {
  protected readonly records = [POLLS];

  constructor(private readonly moduleRef: ModuleRef) {
    super();
  }

  override async run(context: StepContext): Promise<StepOutcome> {
    if (context.step === 'APPLY') await this.closeVillagePollsOfDividedSources(context);
    return super.run(context);
  }

  private async closeVillagePollsOfDividedSources({ sql, planId, moves }: StepContext): Promise<void> {
    const divided = moves.filter((m) => m.divided || m.targets.length > 1).map((m) => m.sourceCode);
    if (!divided.length) return;
    const open: { id: string; unit_code: string; village_code: string }[] = await sql.query(
      `SELECT id::text, unit_code, village_code FROM poll WHERE status = 'OPEN' AND unit_code = ANY($1::text[]) AND village_code IS NOT NULL ORDER BY id`,
      [divided],
    );
    if (!open.length) return;
    const closer = this.moduleRef.get(ClosePollsByRule, { strict: false });
    await closer.execute(open.map((p) => ({ id: p.id, reason: closedByRearrangementReason(planId, p.village_code, p.unit_code) })));
  }
}
