import type { Petition } from '../../domain';

/** What REST clients get: no identity, ever (and no petitioner user id). */
export function petitionView(p: Petition) {
  return {
    code: p.code,
    unitCode: p.unitCode,
    routedFromUnitCode: p.routedFromUnitCode ?? null,
    kind: p.kind,
    channel: p.channel,
    status: p.status,
    attempt: p.attempt,
    title: p.title,
    category: p.category ?? null,
    receivedAt: p.receivedAt.toISOString(),
    acceptanceDue: p.acceptanceDue,
    resolutionDue: p.resolutionDue ?? null,
    actDate: p.actDate ?? null,
    filedLate: !!p.filedLate,
    referral: p.referral ?? null,
    conclusion: p.conclusion ?? null,
    linkedToCode: p.linkedToCode ?? null,
    crowded: p.flags.crowded,
    prolonged: p.flags.prolonged,
  };
}
