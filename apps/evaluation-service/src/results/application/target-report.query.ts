import { Injectable } from '@nestjs/common';
import { type AuthUser, Role, UnitScope } from '@xaso/auth';
import { DomainError } from '@xaso/errors';
import { GetScorecard } from '../../scorecards/application/get-scorecard.query';
import { type TargetReport, targetReport } from '../../targets/domain/target-report';
import type { UnitResult } from '../domain/unit-result';
import { FINAL_STATES, ResultsRepository } from './results.repository.port';
import { ProvinceTargetsRepository } from './province-targets.repository.port';

export class TargetsNotFoundError extends DomainError {
  constructor(provinceCode: string) {
    super('TARGETS_NOT_FOUND', `Province ${provinceCode} has no evaluation targets`, `Tỉnh ${provinceCode} chưa có chỉ tiêu đánh giá`, 'not-found', { provinceCode });
  }
}

/** Share of the province's communes reaching each target level vs required, for one year (approved results count). */
@Injectable()
export class TargetReportQuery {
  constructor(
    private readonly targets: ProvinceTargetsRepository,
    private readonly results: ResultsRepository,
    private readonly getScorecard: GetScorecard,
    private readonly scope: UnitScope,
  ) {}

  async execute(user: AuthUser, provinceCode: string, year: number): Promise<TargetReport> {
    if (!user.roles.includes(Role.ADMIN)) await this.scope.assert(user, provinceCode);
    const [targets] = await this.targets.ofProvince(provinceCode);
    if (!targets) throw new TargetsNotFoundError(provinceCode);
    const stored = await this.results.cycleResults(provinceCode, year, targets.scorecardCode);
    const rankOf = new Map<string, Map<string, number>>();
    const results: UnitResult[] = [];
    for (const r of stored) {
      const key = `${r.scorecardCode}@${r.scorecardVersion}`;
      let ranks = rankOf.get(key);
      if (!ranks) {
        const { scorecard } = await this.getScorecard.execute(r.scorecardCode, r.scorecardVersion);
        ranks = new Map(scorecard.bands.map((b) => [b.code, b.rank]));
        rankOf.set(key, ranks);
      }
      const final = (FINAL_STATES as readonly string[]).includes(r.state) && !r.insufficientData;
      const levelCode = final ? r.levelCode : null;
      results.push({
        unitCode: r.unitCode,
        provinceCode: r.provinceCode,
        total: r.total ?? 0,
        levelCode,
        levelRank: levelCode ? (ranks.get(levelCode) ?? null) : null,
        insufficientData: r.insufficientData,
      });
    }
    return targetReport(targets, year, results);
  }
}
