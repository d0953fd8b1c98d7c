import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@xaso/api';
import { type AuthUser, isGovernmentStaff } from '@xaso/auth';
import { computeStatistics, type PetitionStatistics } from '../domain';
import { PetitionAccess } from './petition-access';
import { PetitionRepository } from './petition.repository.port';
import { assertPeriod } from './period';

/** A unit's petition statistics for a period (received, handled, on time, ratings); staff of the unit only. */
@Injectable()
export class PetitionStatisticsQuery {
  constructor(
    private readonly petitions: PetitionRepository,
    private readonly access: PetitionAccess,
  ) {}

  async execute(user: AuthUser, unitCode: string, from: string, to: string): Promise<PetitionStatistics & { unitCode: string }> {
    assertPeriod(from, to);
    if (!isGovernmentStaff(user)) throw new ForbiddenError();
    await this.access.assertUnit(user, unitCode);
    const rows = await this.petitions.forStatistics(unitCode, from, to);
    return { unitCode, ...computeStatistics(rows, { from, to }, this.access.now()) };
  }
}
