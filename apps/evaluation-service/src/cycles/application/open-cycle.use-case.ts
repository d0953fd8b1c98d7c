import { Injectable } from '@nestjs/common';
import { type AuthUser, Role, UnitProvinces, UnitScope } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { randomUUID } from 'node:crypto';
import { newAssessment } from '../../assessments/domain/assessment';
import { GetScorecard } from '../../scorecards/application/get-scorecard.query';
import { isValidForYear } from '../../scorecards/domain/scorecard';
import type { Cycle } from './cycle';
import { CycleAlreadyOpenError, CycleScopeError } from './cycle-errors';
import { CycleRepository } from './cycle.repository.port';

export interface OpenCycleInput {
  year: number;
  provinceCode: string;
  scorecardCode: string;
  scorecardVersion: number;
  unitCodes: string[];
}

/** Opens a province's yearly cycle on a scorecard version (which is frozen from then on), one DRAFT per commune. */
@Injectable()
export class OpenCycle {
  constructor(
    private readonly cycles: CycleRepository,
    private readonly getScorecard: GetScorecard,
    private readonly provinces: UnitProvinces,
    private readonly scope: UnitScope,
    private readonly transactions: TransactionRunner,
  ) {}

  async execute(user: AuthUser, input: OpenCycleInput): Promise<Cycle> {
    if (!user.roles.includes(Role.ADMIN)) await this.scope.assert(user, input.provinceCode);
    const { scorecard } = await this.getScorecard.execute(input.scorecardCode, input.scorecardVersion);
    if (!isValidForYear(scorecard, input.year)) {
      throw new CycleScopeError(`${scorecard.code} v${scorecard.version} does not apply to ${input.year}`, `${scorecard.code} v${scorecard.version} không áp dụng cho năm ${input.year}`, { year: input.year });
    }
    if (scorecard.scope.kind === 'PROVINCE' && scorecard.scope.provinceCode !== input.provinceCode) {
      throw new CycleScopeError(`${scorecard.code} is province ${scorecard.scope.provinceCode}'s scorecard`, `${scorecard.code} là bộ tiêu chí của tỉnh ${scorecard.scope.provinceCode}`, { provinceCode: input.provinceCode });
    }
    const unitCodes = [...new Set(input.unitCodes)];
    const outside: string[] = [];
    for (const unitCode of unitCodes) if ((await this.provinces.provinceOf(unitCode)) !== input.provinceCode || unitCode === input.provinceCode) outside.push(unitCode);
    if (unitCodes.length === 0 || outside.length > 0) {
      throw new CycleScopeError('every unit in scope must be a unit of the province', 'mọi đơn vị trong kỳ phải thuộc tỉnh', { outside: outside.slice(0, 20) });
    }
    const cycle: Cycle = { id: randomUUID(), ...input, unitCodes, openedBy: user.sub, openedAt: new Date().toISOString(), publishedAt: null };
    const drafts = unitCodes.map((unitCode) =>
      newAssessment({ cycleId: cycle.id, year: cycle.year, unitCode, provinceCode: cycle.provinceCode, scorecardCode: scorecard.code, scorecardVersion: scorecard.version }),
    );
    const inserted = await this.transactions.run(() => this.cycles.insert(cycle, drafts));
    if (!inserted) throw new CycleAlreadyOpenError(input.provinceCode, input.year, input.scorecardCode);
    return cycle;
  }
}
