import { Injectable } from '@nestjs/common';
import type { DailyFact } from '../domain/daily-fact';
import { DailyFactRepository } from './daily-fact.repository.port';

/** Records what a consumed event adds to the facts, in the consumer's transaction (with its inbox row). */
@Injectable()
export class RecordFacts {
  constructor(private readonly facts: DailyFactRepository) {}

  async execute(facts: readonly DailyFact[]): Promise<void> {
    if (facts.length > 0) await this.facts.add(facts);
  }
}
