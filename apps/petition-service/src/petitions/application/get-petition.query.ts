import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import type { Petition } from '../domain';
import { PetitionAccess } from './petition-access';

/** One petition, for staff of its unit or its signed-in petitioner. */
@Injectable()
export class GetPetition {
  constructor(private readonly access: PetitionAccess) {}

  async execute(user: AuthUser, code: string): Promise<Petition> {
    const stored = await this.access.load(code);
    await this.access.assertCanView(user, stored.petition);
    return stored.petition;
  }
}
