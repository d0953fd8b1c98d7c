import type { PollDraftInput, PollDraftPatch } from '../../domain';
import type { CreatePollInput, PollDraftFieldsInput } from './poll.inputs';

/** GraphQL fields → the domain patch (undefined fields stay as they are; the domain validates). */
export function draftPatchOf(input: PollDraftFieldsInput): PollDraftPatch {
  const { villageCode, matter, title, description, optionKind, options, electorate, channels, opensAt, closesAt, rule } = input ?? {};
  return {
    villageCode,
    matter,
    title,
    description,
    options: optionKind === undefined && options === undefined ? undefined : { kind: optionKind!, options: options ?? [] },
    electorate,
    channels,
    opensAt,
    closesAt,
    rule: rule ?? undefined,
  };
}

export function draftInputOf(input: CreatePollInput): PollDraftInput {
  return { ...draftPatchOf(input), unitCode: input.unitCode } as PollDraftInput;
}
