import { registerEnumType } from '@nestjs/graphql';
import { PETITION_ACTIONS, PETITION_STATUSES, type DeadlineState, type PetitionAction, type PetitionStatus } from '../../domain';

/** A GraphQL enum object of a domain vocabulary: the values are the domain's strings (REST and events carry the same). */
const enumOf = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export enum PetitionKind {
  COMPLAINT = 'COMPLAINT',
  DENUNCIATION = 'DENUNCIATION',
  RECOMMENDATION = 'RECOMMENDATION',
  FEEDBACK = 'FEEDBACK',
  INFORMATION = 'INFORMATION',
}
export enum SubmittableKind {
  COMPLAINT = 'COMPLAINT',
  DENUNCIATION = 'DENUNCIATION',
  RECOMMENDATION = 'RECOMMENDATION',
  FEEDBACK = 'FEEDBACK',
}
export enum PetitionChannel {
  RECEPTION = 'RECEPTION',
  ONLINE = 'ONLINE',
  MAIL = 'MAIL',
  HOTLINE = 'HOTLINE',
}
export enum Complexity {
  NORMAL = 'NORMAL',
  COMPLEX = 'COMPLEX',
  VERY_COMPLEX = 'VERY_COMPLEX',
}
registerEnumType(PetitionKind, { name: 'PetitionKind', description: 'khiếu nại, tố cáo, kiến nghị, phản ánh; INFORMATION = anonymous denunciation' });
registerEnumType(SubmittableKind, { name: 'SubmittablePetitionKind' });
registerEnumType(PetitionChannel, { name: 'PetitionChannel' });
registerEnumType(Complexity, { name: 'PetitionComplexity' });

export const PetitionStatusEnum = enumOf<PetitionStatus>(PETITION_STATUSES);
export const PetitionActionEnum = enumOf<PetitionAction>(PETITION_ACTIONS);
export const DeadlineStateEnum = enumOf<DeadlineState>(['ON_TRACK', 'DUE_SOON', 'OVERDUE']);
registerEnumType(PetitionStatusEnum, { name: 'PetitionStatus' });
registerEnumType(PetitionActionEnum, { name: 'PetitionAction', description: 'A step of the handling workflow (history, tracking)' });
registerEnumType(DeadlineStateEnum, { name: 'PetitionDeadlineState' });
