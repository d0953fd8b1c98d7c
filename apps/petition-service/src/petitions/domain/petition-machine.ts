/**
 * The petition handling workflow as a pure, table-driven state machine. Every function takes a
 * petition and returns a new one (never mutates) with one more history entry
 * `{action, from, to, actorId, actorRole, at, note}`.
 *
 * received → classified → accepted (thụ lý) | refused | referred (chuyển đơn)
 *   → assigned → (extended) → resolved → rated / re-opened (feedback, recommendation)
 *                                      → appealed (second-time complaint)
 * withdrawal (full or partial) at any time before the outcome; escalation when overdue.
 */
import { DomainErrors, PetitionDomainError } from './domain-error';
import {
  acceptanceDue,
  calendarAddDays,
  complaintFilingDeadline,
  DEFAULT_POLICY,
  markDeadline,
  maxExtensions,
  resolutionDue,
  type AddDaysPort,
  type PetitionPolicy,
} from './deadlines';
import { addDays, isValidLocalDate, toLocalDate } from '@xaso/calendar';
import type {
  Actor,
  ActorRole,
  Complexity,
  GeoPoint,
  HistoryEntry,
  Petition,
  PetitionAction,
  PetitionChannel,
  PetitionKind,
  PetitionStatus,
  Referral,
  SubmittableKind,
} from './petition.types';
import { PETITION_CHANNELS, SUBMITTABLE_KINDS } from './petition.types';

export interface TransitionRule {
  from: readonly PetitionStatus[] | null;
  /** `'SAME'`: the action is recorded but the status does not change. */
  to: PetitionStatus | 'SAME';
  roles: readonly ActorRole[];
  /** Stricter roles for some kinds (e.g. only a leader decides a complaint). */
  rolesByKind?: Partial<Record<PetitionKind, readonly ActorRole[]>>;
  /** Kinds the action applies to (all when absent). */
  kinds?: readonly PetitionKind[];
}

const OPEN: readonly PetitionStatus[] = ['RECEIVED', 'CLASSIFIED', 'ACCEPTED', 'ASSIGNED', 'REOPENED'];
const HANDLED_KINDS: readonly PetitionKind[] = ['COMPLAINT', 'DENUNCIATION', 'RECOMMENDATION', 'FEEDBACK'];
const LEADER_DECIDES = { COMPLAINT: ['LEADER'], DENUNCIATION: ['LEADER'] } as const;

/** The transition table: which action is allowed from which status, for which roles and kinds. */
export const TRANSITIONS: Readonly<Record<PetitionAction, TransitionRule>> = Object.freeze({
  SUBMIT: { from: null, to: 'RECEIVED', roles: ['CITIZEN', 'OFFICER', 'LEADER', 'AGENCY'] },
  CLASSIFY: { from: ['RECEIVED', 'CLASSIFIED'], to: 'CLASSIFIED', roles: ['OFFICER', 'LEADER'] },
  ACCEPT: { from: ['CLASSIFIED'], to: 'ACCEPTED', roles: ['OFFICER', 'LEADER'], rolesByKind: LEADER_DECIDES, kinds: HANDLED_KINDS },
  REFUSE: { from: ['RECEIVED', 'CLASSIFIED'], to: 'REFUSED', roles: ['OFFICER', 'LEADER'], rolesByKind: LEADER_DECIDES, kinds: HANDLED_KINDS },
  REFER: { from: ['RECEIVED', 'CLASSIFIED'], to: 'REFERRED', roles: ['OFFICER', 'LEADER'] },
  ASSIGN: { from: ['ACCEPTED', 'ASSIGNED', 'REOPENED'], to: 'ASSIGNED', roles: ['LEADER'], kinds: HANDLED_KINDS },
  EXTEND: { from: ['ACCEPTED', 'ASSIGNED', 'REOPENED'], to: 'SAME', roles: ['LEADER'], kinds: HANDLED_KINDS },
  RESOLVE: { from: ['ASSIGNED'], to: 'RESOLVED', roles: ['OFFICER', 'LEADER'], rolesByKind: LEADER_DECIDES, kinds: HANDLED_KINDS },
  RATE: { from: ['RESOLVED'], to: 'SAME', roles: ['CITIZEN'], kinds: ['RECOMMENDATION', 'FEEDBACK'] },
  REOPEN: { from: ['RESOLVED'], to: 'REOPENED', roles: ['CITIZEN'], kinds: ['RECOMMENDATION', 'FEEDBACK'] },
  APPEAL: { from: ['RESOLVED', 'ACCEPTED', 'ASSIGNED'], to: 'APPEALED', roles: ['CITIZEN', 'OFFICER'], kinds: ['COMPLAINT'] },
  WITHDRAW: { from: OPEN, to: 'WITHDRAWN', roles: ['CITIZEN', 'OFFICER', 'LEADER'] },
  WITHDRAW_PARTIALLY: { from: OPEN, to: 'SAME', roles: ['CITIZEN', 'OFFICER', 'LEADER'] },
  ESCALATE: { from: OPEN, to: 'SAME', roles: ['SYSTEM', 'LEADER'] },
  MARK_DUE_SOON: { from: OPEN, to: 'SAME', roles: ['SYSTEM'] },
  LINK_DUPLICATE: { from: ['RECEIVED'], to: 'LINKED', roles: ['SYSTEM', 'OFFICER', 'LEADER'] },
  REGISTER_DUPLICATE: { from: [...OPEN, 'RESOLVED'], to: 'SAME', roles: ['SYSTEM', 'OFFICER', 'LEADER'] },
  ARCHIVE: { from: ['RECEIVED', 'CLASSIFIED'], to: 'ARCHIVED', roles: ['OFFICER', 'LEADER'], kinds: ['INFORMATION'] },
} satisfies Record<PetitionAction, TransitionRule>);

export interface MachineContext {
  actor: Actor;
  at: Date;
  policy?: PetitionPolicy;
  addDays?: AddDaysPort;
  /** The application verified that a CITIZEN actor is the petitioner (tracking secret). */
  petitionerVerified?: boolean;
}

/** Actions the actor may attempt now (status, kind and role; not the per-action guards). */
export function availableActions(p: Petition, role: ActorRole): PetitionAction[] {
  return (Object.keys(TRANSITIONS) as PetitionAction[]).filter((action) => {
    if (action === 'SUBMIT') return false;
    try {
      checkRule(p, action, role);
      return true;
    } catch {
      return false;
    }
  });
}

function checkRule(p: Petition, action: PetitionAction, role: ActorRole): PetitionStatus {
  const rule = TRANSITIONS[action];
  if (rule.kinds && !rule.kinds.includes(p.kind)) throw DomainErrors.kindNotAllowed(action, p.kind);
  if (!rule.from || !rule.from.includes(p.status)) throw DomainErrors.transitionNotAllowed(action, p.status);
  const roles = rule.rolesByKind?.[p.kind] ?? rule.roles;
  if (!roles.includes(role)) throw DomainErrors.roleNotAllowed(action, role);
  return rule.to === 'SAME' ? p.status : rule.to;
}

function step(p: Petition, action: PetitionAction, ctx: MachineContext, changes: Partial<Petition>, note?: string): Petition {
  const to = checkRule(p, action, ctx.actor.role);
  const entry: HistoryEntry = { action, from: p.status, to, actorId: ctx.actor.id, actorRole: ctx.actor.role, at: ctx.at };
  if (note !== undefined && note !== '') entry.note = note;
  return { ...p, ...changes, status: to, history: [...p.history, entry] };
}

function requireText(value: string | undefined, action: PetitionAction): string {
  const text = value?.trim();
  if (!text) throw DomainErrors.reasonRequired(action);
  return text;
}

function assertPetitioner(p: Petition, ctx: MachineContext): void {
  if (ctx.actor.role !== 'CITIZEN') return;
  if (ctx.petitionerVerified) return;
  if (p.petitionerUserId && p.petitionerUserId === ctx.actor.id) return;
  throw DomainErrors.notPetitioner();
}

const policyOf = (ctx: MachineContext) => ctx.policy ?? DEFAULT_POLICY;
const addDaysOf = (ctx: MachineContext) => ctx.addDays ?? calendarAddDays;

// ---------------------------------------------------------------- intake

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

function validateActDate(actDate: string, at: Date): void {
  if (!isValidLocalDate(actDate)) throw DomainErrors.invalidInput('actDate', 'actDate must be a date (YYYY-MM-DD)', 'Ngày có quyết định, hành vi không hợp lệ');
  if (actDate > toLocalDate(at)) {
    throw DomainErrors.invalidInput('actDate', 'actDate is in the future', 'Ngày có quyết định, hành vi không được sau ngày gửi đơn');
  }
}

function validateLocation(location: GeoPoint): void {
  const ok =
    Number.isFinite(location.lat) && Number.isFinite(location.lon) && Math.abs(location.lat) <= 90 && Math.abs(location.lon) <= 180;
  if (!ok) throw DomainErrors.invalidInput('location', 'Latitude/longitude out of range', 'Toạ độ không hợp lệ');
}

// ---------------------------------------------------------------- handling

export interface ClassifyInput {
  /** Re-classification between the four handled kinds (e.g. a "complaint" that is really feedback). */
  kind?: SubmittableKind;
  complexity?: Complexity;
  remoteArea?: boolean;
  category?: string;
  /** Complaint: the day of the act or decision, when intake did not record it. */
  actDate?: string;
  note?: string;
}

export function classify(p: Petition, input: ClassifyInput, ctx: MachineContext): Petition {
  let kind = p.kind;
  if (input.kind && input.kind !== p.kind) {
    if (p.kind === 'INFORMATION' && input.kind === 'DENUNCIATION') {
      // an anonymous denunciation stays information [Law on Denunciations 2018 Art. 25]
      throw DomainErrors.identityRequired('DENUNCIATION');
    }
    if (input.kind === 'COMPLAINT' && p.anonymous) throw DomainErrors.identityRequired('COMPLAINT');
    if (p.kind === 'INFORMATION' || !SUBMITTABLE_KINDS.includes(input.kind)) throw DomainErrors.kindNotAllowed('CLASSIFY', input.kind);
    kind = input.kind;
  }
  if (p.attempt === 2 && kind !== 'COMPLAINT') throw DomainErrors.secondTimeNotAllowed();
  if (input.actDate !== undefined) validateActDate(input.actDate, p.receivedAt);
  const actDate = input.actDate ?? p.actDate;
  const filingDeadline = kind === 'COMPLAINT' && p.attempt === 1 && actDate ? complaintFilingDeadline(actDate, policyOf(ctx)) : undefined;
  const filedLate = !!filingDeadline && toLocalDate(p.receivedAt) > filingDeadline;
  const changes: Partial<Petition> = {
    kind,
    actDate,
    filedLate: filedLate || undefined,
    complexity: input.complexity ?? p.complexity,
    remoteArea: input.remoteArea ?? p.remoteArea,
    category: input.category?.trim() || p.category,
    classifiedAt: ctx.at,
  };
  if (kind !== p.kind) changes.acceptanceDue = acceptanceDue(p.receivedAt, kind, policyOf(ctx), addDaysOf(ctx));
  const note = [
    kind !== p.kind ? `kind ${p.kind} → ${kind}` : '',
    `complexity ${changes.complexity}`,
    filedLate ? `filed after the limit (hạn cuối ${filingDeadline})` : '',
    input.note?.trim() ?? '',
  ]
    .filter(Boolean)
    .join('; ');
  return step(p, 'CLASSIFY', ctx, changes, note);
}

/**
 * Thụ lý. A complaint filed after the 90-day limit is accepted only with a recorded reason why
 * the petitioner could not file in time (force majeure: the obstacle's time is not counted
 * [Law on Complaints 2011 Art. 9]); otherwise it is refused.
 */
export function accept(p: Petition, input: { note?: string; complexity?: Complexity; lateFilingReason?: string }, ctx: MachineContext): Petition {
  checkRule(p, 'ACCEPT', ctx.actor.role);
  const lateFilingReason = input.lateFilingReason?.trim() || undefined;
  if (p.kind === 'COMPLAINT' && p.filedLate && p.actDate && !lateFilingReason) throw DomainErrors.filingLimitPassed(complaintFilingDeadline(p.actDate, policyOf(ctx)));
  const complexity = input.complexity ?? p.complexity;
  const due = resolutionDue(
    ctx.at,
    { kind: p.kind, attempt: p.attempt, complexity, remoteArea: p.remoteArea, extensionsUsed: 0 },
    policyOf(ctx),
    addDaysOf(ctx),
  );
  const changes: Partial<Petition> = { acceptedAt: ctx.at, complexity, resolutionDue: due, extensionsUsed: 0 };
  if (p.kind === 'COMPLAINT' && p.filedLate) changes.lateFilingReason = lateFilingReason;
  if (ctx.actor.role === 'LEADER') changes.decidingLeaderId = ctx.actor.id;
  const note = [p.kind === 'COMPLAINT' && p.filedLate ? `late filing accepted: ${lateFilingReason}` : '', input.note?.trim() ?? ''].filter(Boolean).join('; ');
  return step(p, 'ACCEPT', ctx, changes, note || undefined);
}

export function refuse(p: Petition, input: { reason: string }, ctx: MachineContext): Petition {
  const reason = requireText(input.reason, 'REFUSE');
  return step(p, 'REFUSE', ctx, { refusedAt: ctx.at, refusalReason: reason }, reason);
}

export function refer(
  p: Petition,
  input: { unitCode?: string; agencyName: string; reason: string; routedFrom?: { unitCode: string; note: string } },
  ctx: MachineContext,
): Petition {
  const reason = requireText(input.reason, 'REFER');
  const agencyName = input.agencyName?.trim();
  if (!agencyName) throw DomainErrors.invalidInput('agencyName', 'The receiving agency is required', 'Phải ghi rõ cơ quan nhận đơn chuyển');
  const referral: Referral = { unitCode: input.unitCode?.trim() || undefined, agencyName, reason };
  if (input.routedFrom) referral.routedFromUnitCode = input.routedFrom.unitCode;
  const note = `→ ${agencyName}${referral.unitCode ? ` (${referral.unitCode})` : ''}: ${reason}${input.routedFrom ? `; ${input.routedFrom.note}` : ''}`;
  return step(p, 'REFER', ctx, { referredAt: ctx.at, referral }, note);
}

export function assign(p: Petition, input: { handlerId: string; decidingLeaderId?: string; note?: string }, ctx: MachineContext): Petition {
  const handlerId = input.handlerId?.trim();
  if (!handlerId) throw DomainErrors.invalidInput('handlerId', 'A handler is required', 'Phải chỉ định cán bộ xử lý');
  return step(
    p,
    'ASSIGN',
    ctx,
    { handlerId, decidingLeaderId: input.decidingLeaderId ?? ctx.actor.id, assignedAt: p.assignedAt ?? ctx.at },
    input.note,
  );
}

/**
 * Extends the resolution deadline within the law's limits. Complaint: declares a NORMAL case
 * complex (once). Denunciation: 30 days, once if complex, twice if very complex (the
 * complexity may be raised with the extension). Feedback / recommendation: per policy.
 */
export function extend(p: Petition, input: { reason: string; complexity?: Complexity }, ctx: MachineContext): Petition {
  const reason = requireText(input.reason, 'EXTEND');
  checkRule(p, 'EXTEND', ctx.actor.role);
  const policy = policyOf(ctx);
  const base = p.acceptedAt ?? p.receivedAt;
  let complexity = input.complexity ?? p.complexity;
  let extensionsUsed = p.extensionsUsed + 1;
  if (p.kind === 'COMPLAINT') {
    if (p.extensionsUsed >= 1 || p.complexity !== 'NORMAL') {
      throw DomainErrors.extensionNotAllowed(
        'A complaint can be extended only once, by declaring a normal case complex',
        'Khiếu nại chỉ được kéo dài một lần khi xác định vụ việc phức tạp',
      );
    }
    complexity = complexity === 'NORMAL' ? 'COMPLEX' : complexity;
  } else {
    const allowed = maxExtensions(p.kind, complexity, policy);
    if (extensionsUsed > allowed) {
      throw DomainErrors.extensionNotAllowed(
        `At most ${allowed} extension(s) are allowed for a ${complexity.toLowerCase().replace('_', ' ')} ${p.kind.toLowerCase()}`,
        `Vụ việc này chỉ được gia hạn tối đa ${allowed} lần`,
      );
    }
  }
  if (p.kind === 'COMPLAINT') extensionsUsed = 1;
  const due = resolutionDue(
    p.status === 'REOPENED' ? lastReopenAt(p) ?? base : base,
    { kind: p.kind, attempt: p.attempt, complexity, remoteArea: p.remoteArea, extensionsUsed: p.kind === 'COMPLAINT' ? 0 : extensionsUsed },
    policy,
    addDaysOf(ctx),
  );
  return step(p, 'EXTEND', ctx, { complexity, extensionsUsed, resolutionDue: due }, `${reason} (→ ${due})`);
}

function lastReopenAt(p: Petition): Date | undefined {
  for (let i = p.history.length - 1; i >= 0; i--) if (p.history[i].action === 'REOPEN') return p.history[i].at;
  return undefined;
}

export function resolve(p: Petition, input: { conclusion: string; decisionNumber?: string }, ctx: MachineContext): Petition {
  const conclusion = input.conclusion?.trim();
  if (!conclusion) throw DomainErrors.invalidInput('conclusion', 'A conclusion or decision is required', 'Phải có kết luận hoặc quyết định giải quyết');
  checkRule(p, 'RESOLVE', ctx.actor.role);
  if (ctx.actor.role === 'OFFICER' && p.handlerId !== ctx.actor.id) throw DomainErrors.notAssignedHandler();
  const changes: Partial<Petition> = { resolvedAt: ctx.at, conclusion, decisionNumber: input.decisionNumber?.trim() || undefined };
  if (ctx.actor.role === 'LEADER') changes.decidingLeaderId = ctx.actor.id;
  return step(p, 'RESOLVE', ctx, changes, input.decisionNumber ? `decision ${input.decisionNumber}` : undefined);
}

export function rate(p: Petition, input: { score: number; comment?: string }, ctx: MachineContext): Petition {
  checkRule(p, 'RATE', ctx.actor.role);
  assertPetitioner(p, ctx);
  if (!Number.isInteger(input.score) || input.score < 1 || input.score > 5) {
    throw DomainErrors.invalidInput('score', 'The rating is an integer from 1 to 5', 'Điểm đánh giá là số nguyên từ 1 đến 5');
  }
  if (p.rating && p.resolvedAt && p.rating.at >= p.resolvedAt) throw DomainErrors.alreadyRated();
  return step(p, 'RATE', ctx, { rating: { score: input.score, comment: input.comment?.trim() || undefined, at: ctx.at } }, `score ${input.score}`);
}

export function reopen(p: Petition, input: { reason: string }, ctx: MachineContext): Petition {
  const reason = requireText(input.reason, 'REOPEN');
  checkRule(p, 'REOPEN', ctx.actor.role);
  assertPetitioner(p, ctx);
  const policy = policyOf(ctx);
  const last = addDays(toLocalDate(p.resolvedAt ?? ctx.at), policy.reopenWindowDays);
  if (toLocalDate(ctx.at) > last) throw DomainErrors.windowClosed('REOPEN', last);
  const due = resolutionDue(
    ctx.at,
    { kind: p.kind, attempt: p.attempt, complexity: p.complexity, remoteArea: p.remoteArea, extensionsUsed: 0 },
    policy,
    addDaysOf(ctx),
  );
  return step(
    p,
    'REOPEN',
    ctx,
    { reopenCount: p.reopenCount + 1, resolutionDue: due, extensionsUsed: 0, resolvedAt: undefined, conclusion: undefined },
    reason,
  );
}

/**
 * Second-time complaint to the next level [Law on Complaints 2011 Art. 33]: within 30 days
 * (remote areas 45) of the first-time decision, or of the end of the resolution time limit
 * when no decision was made. Returns the closed first-time case; the caller opens the
 * second-time case at the next level with `secondTimeComplaintInput`.
 */
export function appeal(p: Petition, input: { reason: string }, ctx: MachineContext): Petition {
  const reason = requireText(input.reason, 'APPEAL');
  checkRule(p, 'APPEAL', ctx.actor.role);
  assertPetitioner(p, ctx);
  if (p.attempt !== 1) throw DomainErrors.secondTimeNotAllowed();
  const policy = policyOf(ctx);
  const windowDays = p.remoteArea ? policy.appealWindowDaysRemote : policy.appealWindowDays;
  const today = toLocalDate(ctx.at);
  let start: string;
  if (p.status === 'RESOLVED') {
    start = toLocalDate(p.resolvedAt ?? ctx.at);
  } else {
    if (!p.resolutionDue || today <= p.resolutionDue) throw DomainErrors.notOverdueYet();
    start = p.resolutionDue;
  }
  const last = addDays(start, windowDays);
  if (today > last) throw DomainErrors.windowClosed('APPEAL', last);
  return step(p, 'APPEAL', ctx, {}, reason);
}

/** Intake input for the second-time complaint opened at the next level. */
export function secondTimeComplaintInput(
  first: Petition,
  next: { code: string; unitCode: string; channel: PetitionChannel; content?: string; routedFrom?: SubmitInput['routedFrom'] },
): SubmitInput {
  if (first.kind !== 'COMPLAINT' || first.attempt !== 1 || first.status !== 'APPEALED') throw DomainErrors.secondTimeNotAllowed();
  return {
    code: next.code,
    unitCode: next.unitCode,
    kind: 'COMPLAINT',
    channel: next.channel,
    title: first.title,
    content: next.content?.trim() || first.content,
    category: first.category,
    identified: true,
    petitionerKey: first.petitionerKey,
    petitionerUserId: first.petitionerUserId,
    petitionerCount: first.petitionerCount,
    remoteArea: first.remoteArea,
    attempt: 2,
    parentCode: first.code,
    routedFrom: next.routedFrom,
  };
}

export function withdraw(p: Petition, input: { reason?: string }, ctx: MachineContext): Petition {
  checkRule(p, 'WITHDRAW', ctx.actor.role);
  assertPetitioner(p, ctx);
  return step(p, 'WITHDRAW', ctx, { withdrawnAt: ctx.at }, input.reason?.trim());
}

/** Withdraws some of the matters raised; the rest continues. */
export function withdrawPartially(p: Petition, input: { items: string[]; reason?: string }, ctx: MachineContext): Petition {
  const items = (input.items ?? []).map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) {
    throw DomainErrors.invalidInput('items', 'List the matters being withdrawn', 'Phải liệt kê nội dung rút đơn');
  }
  checkRule(p, 'WITHDRAW_PARTIALLY', ctx.actor.role);
  assertPetitioner(p, ctx);
  const withdrawnItems = [...p.withdrawnItems, ...items.filter((i) => !p.withdrawnItems.includes(i))];
  return step(p, 'WITHDRAW_PARTIALLY', ctx, { withdrawnItems }, [items.join('; '), input.reason?.trim()].filter(Boolean).join(' — '));
}

/** Escalates an overdue case to the commune chairperson (once per due date). */
export function escalate(p: Petition, ctx: MachineContext): Petition {
  checkRule(p, 'ESCALATE', ctx.actor.role);
  const mark = markDeadline(p, ctx.at, policyOf(ctx));
  if (!mark || !mark.needsEscalation) throw DomainErrors.notOverdueYet();
  return step(p, 'ESCALATE', ctx, { escalatedAt: ctx.at, escalatedDue: mark.due }, `${mark.stage.toLowerCase()} due ${mark.due} passed`);
}

/** Marks the running deadline as due soon (once per due date); the handler and the leader are reminded. */
export function markDueSoon(p: Petition, ctx: MachineContext): Petition {
  checkRule(p, 'MARK_DUE_SOON', ctx.actor.role);
  const mark = markDeadline(p, ctx.at, policyOf(ctx));
  if (!mark || !mark.needsDueSoonNotice) throw DomainErrors.notDueSoon();
  return step(p, 'MARK_DUE_SOON', ctx, { dueSoonDue: mark.due }, `${mark.stage.toLowerCase()} due ${mark.due}`);
}

/** The new submission duplicates `mainCode`: it is closed as LINKED instead of opening a new case. */
export function linkDuplicate(p: Petition, input: { mainCode: string; score?: number }, ctx: MachineContext): Petition {
  if (input.mainCode === p.code) throw DomainErrors.invalidInput('mainCode', 'A petition cannot be linked to itself', 'Không thể liên kết đơn với chính nó');
  const note = `linked to ${input.mainCode}${input.score !== undefined ? ` (similarity ${input.score.toFixed(2)})` : ''}`;
  return step(p, 'LINK_DUPLICATE', ctx, { linkedToCode: input.mainCode }, note);
}

/** The main case learns about a linked duplicate: counts, petitioners and the crowded / prolonged flags. */
export function registerDuplicate(
  p: Petition,
  input: { duplicateCode: string; petitionerKey?: string; petitionerCount?: number },
  ctx: MachineContext,
): Petition {
  const policy = policyOf(ctx);
  const key = input.petitionerKey;
  const newPetitioner = !!key && !p.petitionerKeys.includes(key);
  const samePetitioner = !!key && p.petitionerKeys.includes(key);
  const petitionerKeys = key && newPetitioner ? [...p.petitionerKeys, key] : p.petitionerKeys;
  const petitionerCount = samePetitioner ? p.petitionerCount : p.petitionerCount + Math.max(1, input.petitionerCount ?? 1);
  const submissionCount = p.submissionCount + 1;
  const flags = {
    crowded: p.flags.crowded || petitionerCount >= policy.crowdedThreshold,
    prolonged: p.flags.prolonged || submissionCount >= policy.prolongedThreshold,
  };
  const raised = [flags.crowded && !p.flags.crowded ? 'CROWDED (đông người)' : '', flags.prolonged && !p.flags.prolonged ? 'PROLONGED (kéo dài)' : '']
    .filter(Boolean)
    .join(', ');
  return step(p, 'REGISTER_DUPLICATE', ctx, { petitionerKeys, petitionerCount, submissionCount, flags }, `duplicate ${input.duplicateCode}${raised ? `; flagged ${raised}` : ''}`);
}

export function archive(p: Petition, input: { note?: string }, ctx: MachineContext): Petition {
  return step(p, 'ARCHIVE', ctx, {}, input.note);
}

/** Flags newly raised by a change (for notifying leaders). */
export function raisedFlags(before: Petition, after: Petition): Array<'CROWDED' | 'PROLONGED'> {
  const out: Array<'CROWDED' | 'PROLONGED'> = [];
  if (after.flags.crowded && !before.flags.crowded) out.push('CROWDED');
  if (after.flags.prolonged && !before.flags.prolonged) out.push('PROLONGED');
  return out;
}

export { PetitionDomainError };
