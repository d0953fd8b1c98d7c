import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@xaso/api';
import { type AuthUser, isGovernmentStaff } from '@xaso/auth';
import type { Petition } from '../domain';
import { PetitionAccess } from './petition-access';
import { PetitionRepository } from './petition.repository.port';
import { assertPeriod } from './period';

/** Export rows (no personal data: see `toCsv`) of a unit's petitions received in a period; staff of the unit only. */
@Injectable()
export class ExportPetitions {
  constructor(
    private readonly petitions: PetitionRepository,
    private readonly access: PetitionAccess,
  ) {}

  async execute(user: AuthUser, unitCode: string, from: string, to: string, limit = 10_000): Promise<{ nodes: Petition[]; truncated: boolean }> {
    assertPeriod(from, to);
    if (!isGovernmentStaff(user)) throw new ForbiddenError();
    await this.access.assertUnit(user, unitCode);
    return this.petitions.receivedInPeriod(unitCode, from, to, limit);
  }
}
