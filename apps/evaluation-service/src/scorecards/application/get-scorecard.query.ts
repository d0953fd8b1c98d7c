import { Injectable } from '@nestjs/common';
import { ScorecardNotFoundError } from './scorecard-not-found.error';
import { type PublishedScorecard, ScorecardRepository } from './scorecard.repository.port';

@Injectable()
export class GetScorecard {
  constructor(private readonly scorecards: ScorecardRepository) {}

  async execute(code: string, version: number): Promise<PublishedScorecard> {
    const found = await this.scorecards.get(code, version);
    if (!found) throw new ScorecardNotFoundError(code, version);
    return found;
  }
}
