/** The handling steps every handled kind goes through: classify, accept (thụ lý) or refuse or refer, assign, extend, resolve. */
import { DomainErrors } from './domain-error';
import { acceptanceDue, complaintFilingDeadline, maxExtensions, resolutionDue } from './deadlines';
import { toLocalDate } from '@xaso/calendar';
import { addDaysOf, policyOf, requireText, validateActDate } from './machine-guards';
import type { Complexity, Petition, Referral, SubmittableKind } from './petition.types';
import { SUBMITTABLE_KINDS } from './petition.types';
import { checkRule, step, type MachineContext } from './transitions';

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

