import { Injectable } from '@nestjs/common';
import { type AuthUser, Role, UnitScope } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { Clock } from '../../common/application/clock.port';
import { assertPublishable } from '../domain/results-publication';
import type { Cycle } from './cycle';
import { CycleNotFoundError } from './cycle-errors';
import { CycleRepository } from './cycle.repository.port';

/**
 * The province publishes a cycle's results to its communes once recognition is done; from then on
 * the communes of the province see the rankings and each other's results.
 */
@Injectable()
export class PublishResults {
  constructor(
    private readonly cycles: CycleRepository,
    private readonly scope: UnitScope,
    private readonly clock: Clock,
    private readonly transactions: TransactionRunner,
  ) {}

  execute(user: AuthUser, cycleId: string): Promise<Cycle> {
    return this.transactions.run(async () => {
      const cycle = await this.cycles.get(cycleId, true);
      if (!cycle) throw new CycleNotFoundError(cycleId);
      if (!user.roles.includes(Role.ADMIN)) await this.scope.assert(user, cycle.provinceCode);
      assertPublishable(cycle.id, cycle.publishedAt, await this.cycles.stateCounts(cycle.id));
      const at = this.clock.now();
      await this.cycles.markPublished(cycle.id, user.sub, at);
      return { ...cycle, publishedAt: at.toISOString() };
    });
  }
}
