import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '@xaso/api';

@ObjectType('DossierReceivedCounts')
export class ReceivedCountsModel {
  @Field(() => Int) total!: number;
  @Field(() => Int) online!: number;
  @Field(() => Int) direct!: number;
  @Field(() => Int) postal!: number;
}

@ObjectType('DossierResolvedCounts')
export class ResolvedCountsModel {
  @Field(() => Int) total!: number;
  @Field(() => Int) early!: number;
  @Field(() => Int) onTime!: number;
  @Field(() => Int) late!: number;
}

@ObjectType('DossierStatistics', { description: 'Thống kê hồ sơ của một đơn vị (đơn vị xử lý) trong kỳ' })
export class DossierStatisticsModel {
  @Field(() => ID) unitCode!: string;
  @Field(() => DateScalar) from!: string;
  @Field(() => DateScalar) to!: string;
  @Field(() => Int, { description: 'Kỳ trước chuyển sang' }) carriedOver!: number;
  @Field(() => ReceivedCountsModel) received!: ReceivedCountsModel;
  @Field(() => ResolvedCountsModel) resolved!: ResolvedCountsModel;
  @Field(() => Int, { description: 'Withdrawn or stopped in the period: neither resolved nor pending' }) closedWithoutDecision!: number;
  @Field(() => Int) pendingOnTime!: number;
  @Field(() => Int) pendingOverdue!: number;
  @Field(() => Float, { nullable: true, description: '(early + onTime) / resolved, 0..1; null when nothing was resolved' })
  onTimeRate!: number | null;
}
