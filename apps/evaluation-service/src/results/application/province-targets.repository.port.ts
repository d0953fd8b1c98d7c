import type { ProvinceTargets } from '../../targets/domain/province-targets';

/** Province targets as data. */
export abstract class ProvinceTargetsRepository {
  /** The province's targets, one per scorecard. */
  abstract ofProvince(provinceCode: string): Promise<ProvinceTargets[]>;
  /** Inserts or replaces the province's targets for the scorecard. */
  abstract save(targets: ProvinceTargets): Promise<void>;
}
