import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../../common/clock';
import type { DossierRecord } from './dossier.records';
import { isOverdueRecord } from './domain-bridge';

/** Whether a dossier is overdue now (the service's clock): for the `overdue` field of every view. */
@Injectable()
export class DossierOverdueCheck {
  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  isOverdue(d: DossierRecord, now = this.clock.now()): boolean {
    return isOverdueRecord(d, now);
  }
}
