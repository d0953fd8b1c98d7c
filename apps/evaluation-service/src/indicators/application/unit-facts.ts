import { Injectable } from '@nestjs/common';
import type { LocalDate } from '@xaso/calendar';
import type { DailyFact } from '../domain/daily-fact';
import { requiredReceptionFacts } from '../domain/reception-schedule';
import { DailyFactRepository } from './daily-fact.repository.port';

/** A unit's facts over a period as the indicators read them: the recorded ones (merged predecessors included) and the legal reception schedule. */
@Injectable()
export class UnitFacts {
  constructor(private readonly facts: DailyFactRepository) {}

  async between(unitCode: string, from: LocalDate, to: LocalDate): Promise<DailyFact[]> {
    return [...(await this.facts.between(unitCode, from, to)), ...requiredReceptionFacts(unitCode, from, to)];
  }
}
