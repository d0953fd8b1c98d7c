import type { KeysetPageRequest, KeysetSlice } from '@xaso/api';

/** A commune's result in a cycle as stored (the reviewed total once reviewed, the level from the bands). */
export interface StoredResult {
  readonly cycleId: string;
  readonly year: number;
  readonly unitCode: string;
  readonly provinceCode: string;
  readonly state: string;
  readonly total: number | null;
  readonly levelCode: string | null;
  readonly insufficientData: boolean;
  readonly scorecardCode: string;
  readonly scorecardVersion: number;
}

export interface RankedRow extends StoredResult {
  /** Competition rank among the ranked communes of the cycle and province (ties share it). */
  readonly rank: number;
}

/** The states whose result counts (the province approved it). */
export const FINAL_STATES = ['APPROVED', 'RECOGNISED'] as const;

export abstract class ResultsRepository {
  /** Approved results with data, by (total DESC, unit_code), after the key (total, unitCode). */
  abstract ranking(cycleId: string, provinceCode: string, page: KeysetPageRequest): Promise<KeysetSlice<RankedRow>>;
  /** Every assessment of a province's cycle of that year and scorecard. */
  abstract cycleResults(provinceCode: string, year: number, scorecardCode: string): Promise<StoredResult[]>;
  /** The commune's competition rank among the cycle's ranked results of its province (null when it is not ranked). */
  abstract rankOf(cycleId: string, provinceCode: string, unitCode: string): Promise<number | null>;
  /** A commune's approved result of the year (the latest cycle). */
  abstract latestFinal(unitCode: string, year: number): Promise<StoredResult | null>;
}
