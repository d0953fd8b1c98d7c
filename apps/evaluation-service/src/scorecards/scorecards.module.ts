import { Module } from '@nestjs/common';
import { ScorecardsController } from './api/rest/scorecards.controller';
import { ScorecardResolver } from './api/graphql/scorecard.resolver';
import { GetScorecard } from './application/get-scorecard.query';
import { ListScorecards } from './application/list-scorecards.query';
import { PublishScorecardVersion } from './application/publish-scorecard-version.use-case';
import { ScorecardRepository } from './application/scorecard.repository.port';
import { PgScorecardRepository } from './infrastructure/pg-scorecard.repository';

/** Scorecards as versioned data: publish a version, read them. */
@Module({
  controllers: [ScorecardsController],
  providers: [{ provide: ScorecardRepository, useClass: PgScorecardRepository }, ListScorecards, GetScorecard, PublishScorecardVersion, ScorecardResolver],
  exports: [ScorecardRepository, GetScorecard],
})
export class ScorecardsModule {}
