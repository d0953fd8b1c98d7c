import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { summarizeMediation, type MediationSummary } from '../domain/mediation';
import { ListMediationCases } from './list-mediation-cases.query';

/** Counts of a unit's mediation cases opened in a period, by outcome, and the success rate. */
@Injectable()
export class MediationSummaryQuery {
  constructor(private readonly cases: ListMediationCases) {}

  async execute(user: AuthUser, unitCode: string, from: string, to: string): Promise<MediationSummary> {
    return summarizeMediation(await this.cases.execute(user, unitCode, from, to));
  }
}
