import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { assertRecordPeriod, assertUnitScope } from '../../common/application/record-unit';
import type { MediationCase } from '../domain/mediation';
import { MediationRepository } from './mediation.repository.port';

/** A unit's mediation cases opened in a period, by opening day. */
@Injectable()
export class ListMediationCases {
  constructor(private readonly cases: MediationRepository) {}

  async execute(user: AuthUser, unitCode: string, from: string, to: string): Promise<MediationCase[]> {
    assertUnitScope(user, unitCode);
    assertRecordPeriod(from, to);
    return this.cases.openedBetween(unitCode, from, to);
  }
}
