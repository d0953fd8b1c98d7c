import { Args, Query, Resolver } from '@nestjs/graphql';
import { DateScalar, UnitCodeScalar } from '@xaso/api';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Roles } from '@xaso/auth';
import { IndicatorValuesQuery } from '../../application/indicator-values.query';
import { IndicatorValuesModel } from './indicator-values.model';

@Resolver()
export class IndicatorValuesResolver {
  constructor(private readonly indicatorValuesQuery: IndicatorValuesQuery) {}

  @Roles(...GOVERNMENT_STAFF)
  @Query(() => IndicatorValuesModel, { description: "A commune's metric sums over [from, to] (at most 366 days)" })
  indicatorValues(
    @CurrentUser() user: AuthUser,
    @Args('unitCode', { type: () => UnitCodeScalar }) unitCode: string,
    @Args('from', { type: () => DateScalar }) from: string,
    @Args('to', { type: () => DateScalar }) to: string,
  ) {
    return this.indicatorValuesQuery.execute(user, unitCode, from, to);
  }
}
