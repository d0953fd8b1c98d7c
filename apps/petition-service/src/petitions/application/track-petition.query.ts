import { Injectable } from '@nestjs/common';
import { verifyTrackingSecret, type Petition } from '../domain';
import { PetitionRepository } from './petition.repository.port';

/** Public tracking with the secret given at intake. Wrong code or secret → null (no oracle). */
@Injectable()
export class TrackPetition {
  constructor(private readonly petitions: PetitionRepository) {}

  async execute(code: string, trackingSecret: string): Promise<Petition | null> {
    const stored = await this.petitions.findByCode(code);
    if (!stored || !verifyTrackingSecret(trackingSecret, stored.trackingSecretHash)) return null;
    return stored.petition;
  }
}
