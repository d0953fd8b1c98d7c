import { registerEnumType } from '@nestjs/graphql';
import { CHANNELS, ELECTORATES, OPTION_KINDS, PASS_BASES, POLL_MATTERS, POLL_STATUSES } from '../../domain';

/** A GraphQL enum object of a domain vocabulary: the values are the domain's strings (REST and events carry the same). */
const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const PollMatterEnum = enumOf(POLL_MATTERS);
export const ElectorateEnum = enumOf(ELECTORATES);
export const ChannelEnum = enumOf(CHANNELS);
export const PollStatusEnum = enumOf(POLL_STATUSES);
export const OptionKindEnum = enumOf(OPTION_KINDS);
export const PassBasisEnum = enumOf(PASS_BASES);

registerEnumType(PollMatterEnum, { name: 'PollMatter', description: 'What the village decides [Law 10/2022/QH15]' });
registerEnumType(ElectorateEnum, { name: 'PollElectorate', description: 'HOUSEHOLDS: one representative per household; VOTERS: every adult on the roll' });
registerEnumType(ChannelEnum, { name: 'PollChannel' });
registerEnumType(PollStatusEnum, { name: 'PollStatus' });
registerEnumType(OptionKindEnum, { name: 'PollOptionKind' });
registerEnumType(PassBasisEnum, { name: 'PollPassBasis', description: 'ROLL: share of everyone on the roll; PARTICIPANTS: share of those taking part' });
