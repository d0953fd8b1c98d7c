import { Injectable } from '@nestjs/common';
import { type AuthUser, UnitScope } from '@xaso/auth';
import { assertRecordPeriod } from '../../common/application/record-unit';
import type { ReceptionSession } from '../domain/reception';
import { ReceptionRepository } from './reception.repository.port';

/** A unit's reception sessions in a period, by date. */
@Injectable()
export class ListReceptionSessions {
  constructor(
    private readonly sessions: ReceptionRepository,
    private readonly scope: UnitScope,
  ) {}

  async execute(user: AuthUser, unitCode: string, from: string, to: string): Promise<ReceptionSession[]> {
    await this.scope.assert(user, unitCode);
    assertRecordPeriod(from, to);
    return this.sessions.sessions(unitCode, from, to);
  }
}
