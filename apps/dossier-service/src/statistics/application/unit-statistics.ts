import type { DossierStatistics } from '../domain';

/** The statistics of one unit for one period, as the API returns them. */
export interface UnitStatistics extends DossierStatistics {
  unitCode: string;
}
