import { Injectable } from '@nestjs/common';
import { type PublishedScorecard, ScorecardRepository } from './scorecard.repository.port';

/** Every published scorecard version, by code then version (scorecards are public rules). */
@Injectable()
export class ListScorecards {
  constructor(private readonly scorecards: ScorecardRepository) {}

  execute(): Promise<PublishedScorecard[]> {
    return this.scorecards.all();
  }
}
