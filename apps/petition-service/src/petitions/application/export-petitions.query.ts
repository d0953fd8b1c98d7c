import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@xaso/api';
import type { AuthUser } from '@xaso/auth';
import type { Petition } from '../domain';
import { isStaff, PetitionAccess } from './petition-access';
import { translated } from './petition.config';
import { PetitionRepository } from './petition.repository.port';
import { assertPeriod } from './period';

/** Export rows (no personal data: see `toCsv`) of a unit's petitions received in a period; staff of the unit only. */
@Injectable()
export class ExportPetitions {
  constructor(
    private readonly petitions: PetitionRepository,
    private readonly access: PetitionAccess,
  ) {}

  execute(user: AuthUser, unitCode: string, from: string, to: string, limit = 10_000): Promise<{ nodes: Petition[]; truncated: boolean }> {
    return translated(async () => {
      assertPeriod(from, to);
      if (!isStaff(user)) throw new ForbiddenError();
      await this.access.assertUnit(user, unitCode);
      return this.petitions.receivedInPeriod(unitCode, from, to, limit);
    });
  }
}
