import { Injectable } from '@nestjs/common';
import type { DailyFact } from '../domain/daily-fact';
import { DailyFactRepository } from './daily-fact.repository.port';

/** Records what a consumed event adds to the facts, in the consumer's transaction (with its inbox row). */
@Injectable()
export class RecordFacts {
  constructor(private readonly facts: DailyFactRepository) {}

  /** `ADD`: counts are summed into the day; `MARK`: the day holds 1 however often it happens (days held). */
  async execute(facts: readonly DailyFact[], mode: 'ADD' | 'MARK' = 'ADD'): Promise<void> {
    if (facts.length === 0) return;
    await (mode === 'MARK' ? this.facts.mark(facts) : this.facts.add(facts));
  }
}
