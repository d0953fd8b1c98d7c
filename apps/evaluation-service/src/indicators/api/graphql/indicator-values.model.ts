import { Field, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar, UnitCodeScalar } from '@xaso/api';

@ObjectType('MetricTotal', { description: 'Sum of one daily metric over a period (tổng một chỉ số theo ngày)' })
export class MetricTotalModel {
  @Field({ description: 'Metric name, e.g. dossier.resolvedOnTime' })
  metric!: string;

  @Field(() => Int)
  total!: number;
}

@ObjectType('IndicatorValues', { description: "A commune's metric sums over a period, from the consumed events (số liệu chỉ số)" })
export class IndicatorValuesModel {
  @Field(() => UnitCodeScalar)
  unitCode!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => [MetricTotalModel])
  totals!: MetricTotalModel[];

  @Field(() => Int, { description: 'Days of the period with at least one fact' })
  daysWithFacts!: number;
}
