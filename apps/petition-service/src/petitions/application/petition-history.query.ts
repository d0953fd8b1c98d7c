import { Injectable } from '@nestjs/common';
import type { HistoryEntry } from '../domain';
import { PetitionRepository } from './petition.repository.port';

/** The history of a petition the caller already may see (a field of `Petition`). */
@Injectable()
export class PetitionHistory {
  constructor(private readonly petitions: PetitionRepository) {}

  execute(code: string): Promise<HistoryEntry[]> {
    return this.petitions.history(code);
  }
}
