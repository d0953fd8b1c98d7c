import { Injectable } from '@nestjs/common';
import { ForbiddenError, type KeysetPageRequest, type KeysetSlice } from '@xaso/api';
import { type AuthUser, isGovernmentStaff, Role } from '@xaso/auth';
import type { Petition } from '../domain';
import { PetitionAccess } from './petition-access';
import { PetitionRepository, type PetitionListFilter } from './petition.repository.port';

/**
 * A page of petitions, newest first: everything for an admin, the caller's unit (or one they may
 * reach) for staff, their own for a citizen.
 */
@Injectable()
export class ListPetitions {
  constructor(
    private readonly petitions: PetitionRepository,
    private readonly access: PetitionAccess,
  ) {}

  async execute(user: AuthUser, filter: PetitionListFilter, page: KeysetPageRequest): Promise<KeysetSlice<Petition>> {
    const f = { ...filter };
    if (user.roles.includes(Role.ADMIN)) {
      // everything
    } else if (isGovernmentStaff(user)) {
      f.unitCode = f.unitCode ?? user.unitCode;
      if (!f.unitCode) throw new ForbiddenError();
      await this.access.assertUnit(user, f.unitCode);
    } else if (user.roles.includes(Role.CITIZEN)) {
      f.petitionerUserId = user.sub;
    } else {
      throw new ForbiddenError();
    }
    return this.petitions.list(f, page);
  }
}
