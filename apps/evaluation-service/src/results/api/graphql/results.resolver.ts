import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { connectionOfSlice, keysetRequest } from '@xaso/api';
import { type AuthUser, CurrentUser, Role, Roles } from '@xaso/auth';
import { RankingsQuery, rankingKey } from '../../application/rankings.query';
import { TargetReportQuery } from '../../application/target-report.query';
import { RankedCommuneConnection, RankingsArgs, TargetReportModel, targetReportModelOf } from './results.models';

@Roles(Role.PROVINCE_OFFICER, Role.LEADER, Role.ADMIN)
@Resolver()
export class ResultsResolver {
  constructor(
    private readonly rankingsQuery: RankingsQuery,
    private readonly targetReportQuery: TargetReportQuery,
  ) {}

  @Query(() => RankedCommuneConnection, { description: "A province's approved results of a cycle by total (insufficient data not ranked)" })
  async rankings(@CurrentUser() user: AuthUser, @Args() args: RankingsArgs): Promise<RankedCommuneConnection> {
    const page = keysetRequest(args.first, args.after, 2);
    const slice = await this.rankingsQuery.execute(user, args.cycleId, args.provinceCode, page);
    return connectionOfSlice(slice, page, rankingKey, (r) => ({ ...r, total: r.total ?? 0 })) as unknown as RankedCommuneConnection;
  }

  @Query(() => TargetReportModel)
  async targetReport(@CurrentUser() user: AuthUser, @Args('provinceCode') provinceCode: string, @Args('year', { type: () => Int }) year: number) {
    return targetReportModelOf(await this.targetReportQuery.execute(user, provinceCode, year));
  }
}
