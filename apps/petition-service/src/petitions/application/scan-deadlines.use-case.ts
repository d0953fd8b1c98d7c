import { Inject, Injectable } from '@nestjs/common';
import { addDays, toLocalDate } from '@xaso/calendar';
import { Outbox } from '@xaso/messaging';
import { TransactionRunner } from '@xaso/persistence';
import * as D from '../domain';
import type { Petition } from '../domain';
import { PetitionRepository } from './petition.repository.port';
import { PetitionAccess } from './petition-access';
import { petitionEvent } from './petition-events';
import { PETITION_CONFIG, type PetitionConfig } from './petition.config';

@Injectable()
export class ScanDeadlines {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly petitions: PetitionRepository,
    private readonly outbox: Outbox,
    private readonly access: PetitionAccess,
    @Inject(PETITION_CONFIG) private readonly config: PetitionConfig,
  ) {}

  /**
   * The deadline scheduler: announces `petition.due-soon` once per due date and escalates every
   * overdue open petition to the commune chairperson (`petition.escalated`, once per due date).
   * Set-based and safe with several instances: each batch locks its rows FOR UPDATE SKIP LOCKED,
   * so two schedulers never handle the same petition twice.
   */
  async execute(batch = 200): Promise<{ dueSoon: string[]; escalated: string[] }> {
    const out = { dueSoon: [] as string[], escalated: [] as string[] };
    const now = this.access.now();
    const today = toLocalDate(now);
    const horizon = addDays(today, this.config.policy.dueSoonDays);
    const system = this.access.ctx({ id: 'deadline-scheduler', role: 'SYSTEM' }, { at: now });
    for (;;) {
      const { found, changed } = await this.transactions.run(async () => {
        const rows = await this.petitions.lockDeadlineCandidates(today, horizon, batch);
        const events = [];
        for (const s of rows) {
          const mark = D.markDeadline(s.petition, now, this.config.policy);
          if (!mark) continue;
          let next: Petition;
          if (mark.needsEscalation) {
            next = D.escalate(s.petition, system);
            events.push(petitionEvent(next, 'ESCALATE', s.petition.status, mark));
            out.escalated.push(next.code);
          } else if (mark.needsDueSoonNotice) {
            next = D.markDueSoon(s.petition, system);
            events.push(petitionEvent(next, 'MARK_DUE_SOON', s.petition.status, mark));
            out.dueSoon.push(next.code);
          } else {
            continue;
          }
          await this.petitions.update(next, s.version, s.historyLength, 0);
        }
        if (events.length) await this.outbox.publish(events);
        return { found: rows.length, changed: events.length };
      });
      if (found < batch || changed === 0) return out;
    }
  }
}
