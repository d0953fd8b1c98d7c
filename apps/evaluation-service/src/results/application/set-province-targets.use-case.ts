import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@xaso/api';
import type { AuthUser } from '@xaso/auth';
import { z } from 'zod';
import { ScorecardNotFoundError } from '../../scorecards/application/scorecard-not-found.error';
import { ScorecardRepository } from '../../scorecards/application/scorecard.repository.port';
import { assertValidTargets, type ProvinceTargets } from '../../targets/domain/province-targets';
import { ProvinceTargetsRepository } from './province-targets.repository.port';

const title = z.string().trim().min(1).max(500);
const yearsSchema = z
  .array(
    z.object({
      fromYear: z.number().int().min(2000).max(2100),
      toYear: z.number().int().min(2000).max(2100),
      requirements: z
        .array(
          z.object({
            code: z.string().trim().regex(/^[A-Za-z0-9._-]{1,64}$/),
            titleVi: title,
            titleEn: title,
            minLevelRank: z.number().int().min(1).max(100),
            minPercent: z.number().finite().nullable(),
            minCount: z.number().int().nullable(),
          }),
        )
        .min(1)
        .max(20),
    }),
  )
  .min(1)
  .max(50);

/**
 * ADMIN sets a province's targets for a scorecard (replacing what it had): year ranges, each with
 * requirements "at least p% (or n communes) at level rank ≥ r". Shape first (BAD_USER_INPUT),
 * then the domain rules (TARGETS_INVALID), and the scorecard code must exist.
 */
@Injectable()
export class SetProvinceTargets {
  constructor(
    private readonly targets: ProvinceTargetsRepository,
    private readonly scorecards: ScorecardRepository,
  ) {}

  async execute(_user: AuthUser, provinceCode: string, scorecardCode: string, years: unknown): Promise<ProvinceTargets> {
    if (!/^\d{2}$/.test(provinceCode)) throw new ValidationFailedError('provinceCode must be a two-digit province code', 'Mã tỉnh phải gồm hai chữ số', { field: 'provinceCode' });
    const parsed = yearsSchema.safeParse(years);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message }));
      throw new ValidationFailedError('`years` does not have the expected shape', '`years` không đúng cấu trúc', { field: 'years', issues });
    }
    const targets: ProvinceTargets = { provinceCode, scorecardCode, years: parsed.data };
    assertValidTargets(targets);
    if (!(await this.scorecards.all()).some((s) => s.scorecard.code === scorecardCode)) throw new ScorecardNotFoundError(scorecardCode, 1);
    await this.targets.save(targets);
    return targets;
  }
}
