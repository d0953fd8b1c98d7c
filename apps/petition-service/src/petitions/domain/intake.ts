/** Intake: a new petition of any kind, from any channel. */
import { DomainErrors } from './domain-error';
import { acceptanceDue, complaintFilingDeadline } from './deadlines';
import { toLocalDate } from '@xaso/calendar';
import { addDaysOf, policyOf, validateActDate, validateLocation } from './machine-guards';
import type { GeoPoint, HistoryEntry, Petition, PetitionChannel, PetitionKind, SubmittableKind } from './petition.types';
import { PETITION_CHANNELS, SUBMITTABLE_KINDS } from './petition.types';
import { TRANSITIONS, type MachineContext } from './transitions';

export interface PetitionerPresence {
  /** Full name given. */
  fullName?: string;
  idNumber?: string;
  address?: string;
}

/** A petitioner is identified when a full name and an ID number or an address are given. */
export function isIdentified(identity: PetitionerPresence | undefined | null): boolean {
  return !!identity?.fullName?.trim() && (!!identity.idNumber?.trim() || !!identity.address?.trim());
}

export interface SubmitInput {
  code: string;
  unitCode: string;
  kind: SubmittableKind;
  channel: PetitionChannel;
  title: string;
  content: string;
  category?: string;
  location?: GeoPoint;
  /** Whether the petitioner is identified (see `isIdentified`). */
  identified: boolean;
  petitionerKey?: string;
  petitionerUserId?: string;
  /** Signatories of the petition (đơn nhiều người ký), default 1. */
  petitionerCount?: number;
  remoteArea?: boolean;
  /** Complaint: day of the act or decision complained about (YYYY-MM-DD). */
  actDate?: string;
  attempt?: 1 | 2;
  parentCode?: string;
  /** The unit code as filed, when it named a unit abolished by then and the petition went to its single successor (`unitCode`). */
  routedFrom?: { unitCode: string; note: string };
}

/**
 * Records a new petition. Complaints require an identified petitioner; an unidentified
 * denunciation is recorded as INFORMATION (not processed as a denunciation).
 */
export function submitPetition(input: SubmitInput, ctx: MachineContext): Petition {
  if (!SUBMITTABLE_KINDS.includes(input.kind)) {
    throw DomainErrors.invalidInput('kind', `Unknown petition kind ${input.kind}`, `Loại đơn không hợp lệ: ${input.kind}`);
  }
  if (!PETITION_CHANNELS.includes(input.channel)) {
    throw DomainErrors.invalidInput('channel', `Unknown channel ${input.channel}`, `Kênh tiếp nhận không hợp lệ: ${input.channel}`);
  }
  if (!TRANSITIONS.SUBMIT.roles.includes(ctx.actor.role)) throw DomainErrors.roleNotAllowed('SUBMIT', ctx.actor.role);
  if (ctx.actor.role === 'CITIZEN' && input.channel !== 'ONLINE') {
    throw DomainErrors.invalidInput('channel', 'Citizens submit through the ONLINE channel', 'Công dân gửi đơn trực tuyến qua kênh ONLINE');
  }
  if (!input.title?.trim()) throw DomainErrors.invalidInput('title', 'A title is required', 'Phải có tiêu đề đơn');
  if (!input.content?.trim()) throw DomainErrors.invalidInput('content', 'The content is required', 'Phải có nội dung đơn');
  if (input.location) validateLocation(input.location);
  const count = input.petitionerCount ?? 1;
  if (!Number.isInteger(count) || count < 1) {
    throw DomainErrors.invalidInput('petitionerCount', 'petitionerCount must be a positive integer', 'Số người gửi đơn phải là số nguyên dương');
  }
  if (input.kind === 'COMPLAINT' && !input.identified) throw DomainErrors.identityRequired('COMPLAINT');
  if (input.actDate !== undefined) validateActDate(input.actDate, ctx.at);
  const kind: PetitionKind = input.kind === 'DENUNCIATION' && !input.identified ? 'INFORMATION' : input.kind;
  const attempt = input.attempt ?? 1;
  if (attempt === 2 && kind !== 'COMPLAINT') throw DomainErrors.secondTimeNotAllowed();
  const policy = policyOf(ctx);
  const anonymous = !input.identified;
  // a first-time complaint filed after the 90-day limit is received and flagged, never turned away at the desk
  const filingDeadline = kind === 'COMPLAINT' && attempt === 1 && input.actDate ? complaintFilingDeadline(input.actDate, policy) : undefined;
  const filedLate = !!filingDeadline && toLocalDate(ctx.at) > filingDeadline;
  const note =
    [
      kind === 'INFORMATION'
        ? 'Anonymous denunciation recorded as information (tố cáo nặc danh: tiếp nhận như thông tin)'
        : filedLate
          ? `Filed after the complaint limit (quá thời hiệu khiếu nại, hạn cuối ${filingDeadline})`
          : undefined,
      input.routedFrom?.note,
    ]
      .filter(Boolean)
      .join('; ') || undefined;
  const petition: Petition = {
    code: input.code,
    unitCode: input.unitCode,
    routedFromUnitCode: input.routedFrom?.unitCode,
    kind,
    submittedKind: input.kind,
    channel: input.channel,
    status: 'RECEIVED',
    attempt,
    parentCode: input.parentCode,
    title: input.title.trim(),
    content: input.content.trim(),
    category: input.category?.trim() || undefined,
    location: input.location,
    anonymous,
    petitionerKey: anonymous ? undefined : input.petitionerKey,
    petitionerUserId: input.petitionerUserId,
    petitionerCount: count,
    petitionerKeys: !anonymous && input.petitionerKey ? [input.petitionerKey] : [],
    submissionCount: 1,
    complexity: 'NORMAL',
    remoteArea: input.remoteArea ?? false,
    actDate: input.actDate,
    filedLate: filedLate || undefined,
    receivedAt: ctx.at,
    acceptanceDue: acceptanceDue(ctx.at, kind, policy, addDaysOf(ctx)),
    extensionsUsed: 0,
    reopenCount: 0,
    withdrawnItems: [],
    flags: { crowded: count >= policy.crowdedThreshold, prolonged: false },
    history: [],
  };
  const entry: HistoryEntry = { action: 'SUBMIT', from: null, to: 'RECEIVED', actorId: ctx.actor.id, actorRole: ctx.actor.role, at: ctx.at };
  if (note) entry.note = note;
  return { ...petition, history: [entry] };
}

