import { Field, ID, ObjectType } from '@nestjs/graphql';
import { DateTimeScalar } from '@xaso/api';

@ObjectType('PollRepresentativeChange', { description: 'A household representative replaced before the household took part: who replaced whom, when, by which officer, why' })
export class RepresentativeChangeModel {
  @Field(() => ID) pollId!: string;
  @Field(() => ID) householdId!: string;
  @Field() previousIdNumber!: string;
  @Field() previousName!: string;
  @Field() idNumber!: string;
  @Field() name!: string;
  @Field() reason!: string;
  @Field({ description: 'The officer (token subject)' }) changedBy!: string;
  @Field(() => DateTimeScalar) changedAt!: Date;
}
