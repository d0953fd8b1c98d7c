import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@xaso/api';
import { type AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { planPublication } from '../domain/scorecard-publication';
import { ScorecardNotFoundError } from './scorecard-not-found.error';
import { parseScorecardInput } from './scorecard-input.schema';
import { type PublishedScorecard, ScorecardRepository } from './scorecard.repository.port';

/**
 * Publishes a scorecard version (administrators): validated by the domain rules; a version a
 * cycle uses is frozen (same content is a no-op, a change must be the next version).
 */
@Injectable()
export class PublishScorecardVersion {
  constructor(
    private readonly scorecards: ScorecardRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  async execute(user: AuthUser, input: unknown): Promise<PublishedScorecard> {
    const parsed = parseScorecardInput(input);
    if (!parsed.ok) {
      throw new ValidationFailedError('The scorecard does not have the expected shape', 'Bộ tiêu chí không đúng cấu trúc', { issues: parsed.issues });
    }
    return this.transactions.run(async () => {
      const versions = await this.scorecards.versionsForUpdate(parsed.scorecard.code);
      const inUse = new Set(versions.filter((v) => v.inUse).map((v) => v.scorecard.version));
      const plan = planPublication(parsed.scorecard, versions.map((v) => v.scorecard), inUse);
      if (plan.action !== 'UNCHANGED') await this.scorecards.save(plan.scorecard, user.sub);
      const stored = await this.scorecards.get(plan.scorecard.code, plan.scorecard.version);
      if (!stored) throw new ScorecardNotFoundError(plan.scorecard.code, plan.scorecard.version);
      return stored;
    });
  }
}
