import { Inject, Injectable } from '@nestjs/common';
import { type AuthUser, canAccessUnit } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { canReadIdentity, type Petition, type PetitionerIdentity } from '../domain';
import { actorOf } from './petition-access';
import { PETITION_CONFIG, type PetitionConfig } from './petition.config';
import { PetitionRepository } from './petition.repository.port';

/**
 * The petitioner's identity, for the assigned handler and the deciding leader only. Every read
 * is written to the access log (in the same transaction). Others get `null`.
 */
@Injectable()
export class ReadIdentity {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly petitions: PetitionRepository,
    @Inject(PETITION_CONFIG) private readonly config: PetitionConfig,
  ) {}

  async execute(user: AuthUser, p: Petition, purpose = 'view'): Promise<PetitionerIdentity | null> {
    if (!canReadIdentity(p, actorOf(user)) || !canAccessUnit(user, p.unitCode)) return null;
    return this.transactions.run(async () => {
      const stored = await this.petitions.loadIdentity(p.code);
      if (!stored) return null;
      await this.petitions.logIdentityAccess(p.code, user.sub, actorOf(user).role, purpose);
      return this.config.cipher.decrypt(stored.ciphertext, p.code);
    });
  }
}
