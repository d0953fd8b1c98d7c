import { pollOptionsOf, type PollOptionsInput } from './poll-options';
import { passRuleOf, type PassRuleInput } from './pass-rule';
import type { Channel, Electorate, Poll, PollMatter } from './poll-types';
import { CHANNELS, ELECTORATES, POLL_MATTERS } from './poll-types';
import { VotingDomainError } from './voting-domain-error';

export const MAX_TITLE_LENGTH = 300;
export const MAX_DESCRIPTION_LENGTH = 10_000;
const UNIT_CODE = /^\d{5}$/;
const VILLAGE_CODE = /^[A-Za-z0-9_.-]{1,40}$/;

export interface PollDraftInput {
  unitCode: string;
  villageCode?: string | null;
  matter: PollMatter;
  title: string;
  description?: string | null;
  options: PollOptionsInput;
  electorate: Electorate;
  channels: readonly Channel[];
  opensAt: Date;
  closesAt: Date;
  rule?: PassRuleInput | null;
}

/** What `updatePoll` may change (only in DRAFT); the commune never changes. */
export type PollDraftPatch = Partial<Omit<PollDraftInput, 'unitCode'>>;

function invalid(field: string, en: string, vi: string): VotingDomainError {
  return new VotingDomainError('INVALID_POLL', en, vi, { field });
}

function text(value: unknown, field: string, max: number, required: boolean): string {
  const trimmed = typeof value === 'string' ? value.trim() : value == null ? '' : null;
  if (trimmed === null || (required && trimmed.length === 0) || trimmed.length > max) {
    throw invalid(field, `${field} must be ${required ? '1' : '0'} to ${max} characters`, `${field} phải dài từ ${required ? '1' : '0'} đến ${max} ký tự`);
  }
  return trimmed;
}

function channelsOf(value: readonly Channel[]): Channel[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((c) => !CHANNELS.includes(c)) || new Set(value).size !== value.length) {
    throw invalid('channels', 'Channels must be ONLINE, PAPER or both, each once', 'Hình thức biểu quyết phải là ONLINE, PAPER hoặc cả hai, mỗi loại một lần');
  }
  return CHANNELS.filter((c) => value.includes(c));
}

function isDate(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

/** Validates and normalizes a complete draft; every field is checked, the first wrong one is reported with its name. */
function normalize(input: PollDraftInput): Omit<Poll, 'id' | 'status' | 'roll' | 'cancelReason'> {
  if (typeof input.unitCode !== 'string' || !UNIT_CODE.test(input.unitCode)) {
    throw invalid('unitCode', 'The commune code must be 5 digits', 'Mã xã phải gồm 5 chữ số');
  }
  const villageCode = input.villageCode == null || input.villageCode === '' ? null : input.villageCode;
  if (villageCode !== null && (typeof villageCode !== 'string' || !VILLAGE_CODE.test(villageCode))) {
    throw invalid('villageCode', 'The village code is 1 to 40 letters, digits, ".", "_" or "-"', 'Mã thôn/tổ dân phố gồm 1 đến 40 chữ cái, chữ số, ".", "_" hoặc "-"');
  }
  if (!POLL_MATTERS.includes(input.matter)) throw invalid('matter', `The matter must be one of ${POLL_MATTERS.join(', ')}`, `Nội dung biểu quyết phải là một trong ${POLL_MATTERS.join(', ')}`);
  if (!ELECTORATES.includes(input.electorate)) throw invalid('electorate', 'The electorate must be HOUSEHOLDS or VOTERS', 'Đối tượng biểu quyết phải là HOUSEHOLDS (hộ gia đình) hoặc VOTERS (cử tri)');
  if (!isDate(input.opensAt) || !isDate(input.closesAt)) throw invalid('opensAt', 'opensAt and closesAt must be valid instants', 'Thời điểm mở và đóng phải hợp lệ');
  if (input.opensAt.getTime() >= input.closesAt.getTime()) throw invalid('closesAt', 'The poll must close after it opens', 'Thời điểm đóng phải sau thời điểm mở');
  return {
    unitCode: input.unitCode,
    villageCode,
    matter: input.matter,
    title: text(input.title, 'title', MAX_TITLE_LENGTH, true),
    description: text(input.description, 'description', MAX_DESCRIPTION_LENGTH, false),
    options: pollOptionsOf(input.options),
    electorate: input.electorate,
    channels: channelsOf(input.channels),
    opensAt: new Date(input.opensAt.getTime()),
    closesAt: new Date(input.closesAt.getTime()),
    rule: passRuleOf(input.rule),
  };
}

export function newPoll(id: string, input: PollDraftInput): Poll {
  if (typeof id !== 'string' || id.length === 0) throw invalid('id', 'A poll needs an id', 'Cuộc biểu quyết cần có mã');
  return { id, ...normalize(input), status: 'DRAFT', roll: null, cancelReason: null };
}

function draftInputOf(poll: Poll): PollDraftInput {
  const { unitCode, villageCode, matter, title, description, options, electorate, channels, opensAt, closesAt, rule } = poll;
  return { unitCode, villageCode, matter, title, description, options, electorate, channels, opensAt, closesAt, rule };
}

/** Applies a patch to a DRAFT poll and re-validates the whole draft (e.g. a new closesAt against the old opensAt). */
export function updateDraft(poll: Poll, patch: PollDraftPatch): Poll {
  if (poll.status !== 'DRAFT') {
    throw new VotingDomainError('POLL_NOT_EDITABLE', `Only a DRAFT poll can be changed; this one is ${poll.status}`, `Chỉ được sửa cuộc biểu quyết ở trạng thái Dự thảo; cuộc này đang ở trạng thái ${poll.status}`, { status: poll.status });
  }
  const defined = Object.fromEntries(Object.entries(patch ?? {}).filter(([key, value]) => value !== undefined && key !== 'unitCode'));
  return { ...poll, ...normalize({ ...draftInputOf(poll), ...defined }) };
}
