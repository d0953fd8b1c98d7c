import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { assertRecordPeriod, assertUnitScope } from '../../common/application/record-unit';
import type { ReceptionSession } from '../domain/reception';
import { ReceptionRepository } from './reception.repository.port';

/** A unit's reception sessions in a period, by date. */
@Injectable()
export class ListReceptionSessions {
  constructor(private readonly sessions: ReceptionRepository) {}

  async execute(user: AuthUser, unitCode: string, from: string, to: string): Promise<ReceptionSession[]> {
    assertUnitScope(user, unitCode);
    assertRecordPeriod(from, to);
    return this.sessions.sessions(unitCode, from, to);
  }
}
