/** An evaluation cycle: one year, one frozen scorecard version, the communes of a province in scope. */
export interface Cycle {
  readonly id: string;
  readonly year: number;
  readonly provinceCode: string;
  readonly scorecardCode: string;
  readonly scorecardVersion: number;
  readonly unitCodes: readonly string[];
  readonly openedBy: string;
  readonly openedAt: string;
  /** When the province published the results to its communes (null before). */
  readonly publishedAt: string | null;
}
