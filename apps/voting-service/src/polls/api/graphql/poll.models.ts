import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection, DateTimeScalar } from '@xaso/api';
import type { StoredPoll } from '../../application/poll.repository.port';
import type { Channel, Electorate, OptionKind, PassBasis, PollMatter, PollStatus } from '../../domain';
import { ChannelEnum, ElectorateEnum, OptionKindEnum, PassBasisEnum, PollMatterEnum, PollStatusEnum } from './poll-enums';

@ObjectType('PollOption')
export class PollOptionModel {
  @Field(() => ID) id!: string;
  @Field() label!: string;
}

@ObjectType('PollRule')
export class PollRuleModel {
  @Field(() => PassBasisEnum) passBasis!: PassBasis;
  @Field(() => Float) passPercent!: number;
  @Field(() => Float, { nullable: true }) quorumPercent!: number | null;
}

@ObjectType('Poll')
export class PollModel {
  @Field(() => ID) id!: string;
  @Field() unitCode!: string;
  @Field(() => String, { nullable: true }) villageCode!: string | null;
  @Field(() => PollMatterEnum) matter!: PollMatter;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => OptionKindEnum) optionKind!: OptionKind;
  @Field(() => [PollOptionModel]) options!: PollOptionModel[];
  @Field(() => ElectorateEnum) electorate!: Electorate;
  @Field(() => [ChannelEnum]) channels!: Channel[];
  @Field(() => DateTimeScalar) opensAt!: Date;
  @Field(() => DateTimeScalar) closesAt!: Date;
  @Field(() => PollRuleModel) rule!: PollRuleModel;
  @Field(() => PollStatusEnum) status!: PollStatus;
  @Field(() => Int, { nullable: true, description: 'Size N of the frozen roll (from opening)' }) rollSize!: number | null;
  @Field(() => String, { nullable: true, description: 'SHA-256 of the frozen roll (RFC 8785 JSON, sorted)' }) rollHash!: string | null;
  @Field(() => String, { nullable: true }) cancelReason!: string | null;
  @Field(() => String, { nullable: true, description: 'Why a rule closed the poll before closesAt (a rearrangement took its village away)' }) closeReason!: string | null;
  @Field(() => String, { nullable: true, description: 'RFC 6962 root of the ballot board (from close)' }) boardRoot!: string | null;
}

@ObjectType()
export class PollConnection extends Connection(PollModel, 'Poll') {}

export function toPollModel({ poll, board }: StoredPoll): PollModel {
  return {
    id: poll.id,
    unitCode: poll.unitCode,
    villageCode: poll.villageCode,
    matter: poll.matter,
    title: poll.title,
    description: poll.description,
    optionKind: poll.options.kind,
    options: poll.options.options.map((o) => ({ ...o })),
    electorate: poll.electorate,
    channels: [...poll.channels],
    opensAt: poll.opensAt,
    closesAt: poll.closesAt,
    rule: { ...poll.rule },
    status: poll.status,
    rollSize: poll.roll?.size ?? null,
    rollHash: poll.roll?.hash ?? null,
    cancelReason: poll.cancelReason,
    closeReason: poll.closeReason ?? null,
    boardRoot: board?.root ?? null,
  };
}

export const pollKey = (s: StoredPoll) => [s.createdAt.toISOString(), s.poll.id] as const;
