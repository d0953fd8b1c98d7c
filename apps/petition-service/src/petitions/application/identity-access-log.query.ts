import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@xaso/api';
import { type AuthUser, canAccessUnit, Role } from '@xaso/auth';
import { PetitionAccess } from './petition-access';
import { PetitionRepository, type IdentityAccessRow } from './petition.repository.port';

/** Who read a petitioner's identity, when and why: for an admin, or a leader of the petition's unit. */
@Injectable()
export class IdentityAccessLog {
  constructor(
    private readonly petitions: PetitionRepository,
    private readonly access: PetitionAccess,
  ) {}

  async execute(user: AuthUser, code: string): Promise<IdentityAccessRow[]> {
    const { petition } = await this.access.load(code);
    if (!user.roles.includes(Role.ADMIN) && !(user.roles.includes(Role.LEADER) && canAccessUnit(user, petition.unitCode))) throw new ForbiddenError();
    return this.petitions.identityAccessLog(code);
  }
}
