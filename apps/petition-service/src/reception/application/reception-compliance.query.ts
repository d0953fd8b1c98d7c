import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@xaso/api';
import { type AuthUser, UnitScope } from '@xaso/auth';
import { checkUnitCompliance, type ComplianceResult } from '../domain/reception';
import { ReceptionRepository } from './reception.repository.port';

/** Per chairperson of a unit: whether they held the legal number of reception days in `month` (YYYY-MM). */
@Injectable()
export class ReceptionCompliance {
  constructor(
    private readonly sessions: ReceptionRepository,
    private readonly scope: UnitScope,
  ) {}

  async execute(user: AuthUser, unitCode: string, month: string): Promise<ComplianceResult[]> {
    await this.scope.assert(user, unitCode);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new ValidationFailedError('month must be YYYY-MM', 'Tháng phải có dạng YYYY-MM', { field: 'month' });
    // sessions up to a week around the month (ISO weeks may start in the previous month)
    const [y, m] = month.split('-').map(Number);
    const from = new Date(Date.UTC(y, m - 1, 1) - 7 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.UTC(y, m, 0) + 7 * 86_400_000).toISOString().slice(0, 10);
    return checkUnitCompliance(await this.sessions.sessions(unitCode, from, to), month);
  }
}
