import { Injectable } from '@nestjs/common';
import { type AuthUser, UnitScope } from '@xaso/auth';
import { assertRecordPeriod } from '../../common/application/record-unit';
import type { MediationCase } from '../domain/mediation';
import { MediationRepository } from './mediation.repository.port';

/** A unit's mediation cases opened in a period, by opening day. */
@Injectable()
export class ListMediationCases {
  constructor(
    private readonly cases: MediationRepository,
    private readonly scope: UnitScope,
  ) {}

  async execute(user: AuthUser, unitCode: string, from: string, to: string): Promise<MediationCase[]> {
    await this.scope.assert(user, unitCode);
    assertRecordPeriod(from, to);
    return this.cases.openedBetween(unitCode, from, to);
  }
}
