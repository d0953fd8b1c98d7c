import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { SetProvinceTargets } from '../../application/set-province-targets.use-case';
import { connectionOfSlice, keysetRequest } from '@xaso/api';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Role, Roles } from '@xaso/auth';
import { RankingsQuery, rankingKey } from '../../application/rankings.query';
import { TargetReportQuery } from '../../application/target-report.query';
import { ProvinceTargetsModel, RankedCommuneConnection, RankingsArgs, TargetReportModel, targetReportModelOf } from './results.models';

@Resolver()
export class ResultsResolver {
  constructor(
    private readonly rankingsQuery: RankingsQuery,
    private readonly targetReportQuery: TargetReportQuery,
    private readonly setTargets: SetProvinceTargets,
  ) {}

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => RankedCommuneConnection, { description: "A province's approved results of a cycle by total (insufficient data not ranked); communes see it once published" })
  async rankings(@CurrentUser() user: AuthUser, @Args() args: RankingsArgs): Promise<RankedCommuneConnection> {
    const page = keysetRequest(args.first, args.after, 2);
    const slice = await this.rankingsQuery.execute(user, args.cycleId, args.provinceCode, page);
    return connectionOfSlice(slice, page, rankingKey, (r) => ({ ...r, total: r.total ?? 0 })) as unknown as RankedCommuneConnection;
  }

  @Roles(Role.PROVINCE_OFFICER, Role.LEADER, Role.ADMIN)
  @Query(() => TargetReportModel)
  async targetReport(@CurrentUser() user: AuthUser, @Args('provinceCode') provinceCode: string, @Args('year', { type: () => Int }) year: number) {
    return targetReportModelOf(await this.targetReportQuery.execute(user, provinceCode, year));
  }

  @Roles(Role.ADMIN)
  @Mutation(() => ProvinceTargetsModel, { description: "ADMIN sets a province's targets for a scorecard (replaces them)" })
  setProvinceTargets(
    @CurrentUser() user: AuthUser,
    @Args('provinceCode') provinceCode: string,
    @Args('scorecardCode') scorecardCode: string,
    @Args('years', { type: () => GraphQLJSON }) years: unknown,
  ) {
    return this.setTargets.execute(user, provinceCode, scorecardCode, years);
  }
}
