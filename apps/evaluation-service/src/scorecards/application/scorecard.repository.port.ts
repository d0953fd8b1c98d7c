import type { Scorecard } from '../domain/scorecard';

export interface PublishedScorecard {
  readonly scorecard: Scorecard;
  /** A cycle uses this version: it can no longer change. */
  readonly inUse: boolean;
  readonly publishedBy: string;
  readonly publishedAt: string;
}

/** Published scorecard versions (joins the ambient transaction). */
export abstract class ScorecardRepository {
  /** Every version, by code then version. */
  abstract all(): Promise<PublishedScorecard[]>;
  abstract get(code: string, version: number): Promise<PublishedScorecard | null>;
  /** The versions of one code, locked until the transaction ends (publications of a code are serialised). */
  abstract versionsForUpdate(code: string): Promise<PublishedScorecard[]>;
  /** Inserts a new version, or replaces an unused one. */
  abstract save(scorecard: Scorecard, publishedBy: string): Promise<void>;
}
