import { Inject, Injectable } from '@nestjs/common';
import { TransactionRunner } from '@xaso/persistence';
import { PETITION_CONFIG, type PetitionConfig } from './petition.config';
import { PetitionRepository } from './petition.repository.port';

/** Re-encrypts the identities stored under older keys with the current key, in batches; returns how many were rotated. */
@Injectable()
export class RotateIdentityKeys {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly petitions: PetitionRepository,
    @Inject(PETITION_CONFIG) private readonly config: PetitionConfig,
  ) {}

  async execute(batch = 500): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.petitions.identitiesNotUnderKey(this.config.cipher.currentKeyId, batch);
      if (!rows.length) return total;
      await this.transactions.run(async () => {
        for (const r of rows) {
          const ct = this.config.cipher.rotate(r.ciphertext, r.code);
          await this.petitions.saveIdentity(r.code, this.config.cipher.keyIdOf(ct), ct);
        }
      });
      total += rows.length;
    }
  }
}
