/**
 * Grassroots mediation cases (hòa giải ở cơ sở) [Law on Grassroots Mediation 2013]: parties,
 * mediators, outcome SUCCESSFUL / UNSUCCESSFUL / REFERRED. Pure, no framework imports.
 */
import { DomainError } from '@xaso/errors';

export type MediationOutcome = 'PENDING' | 'SUCCESSFUL' | 'UNSUCCESSFUL' | 'REFERRED';
export const MEDIATION_OUTCOMES: readonly MediationOutcome[] = ['PENDING', 'SUCCESSFUL', 'UNSUCCESSFUL', 'REFERRED'];

export interface MediationCase {
  id?: string;
  unitCode: string;
  /** Village / residential group where the mediation team sits. */
  mediationTeam?: string;
  subject: string;
  /** Party labels as recorded (names of the parties are personal data: not emitted in events). */
  parties: string[];
  mediators: string[];
  openedOn: string;
  closedOn?: string;
  outcome: MediationOutcome;
  /** Required when REFERRED: where to. */
  referredTo?: string;
  /** Agreement summary (SUCCESSFUL) or why it failed. */
  result?: string;
  /** The unit code as given, when it named a unit abolished on `openedOn` and the case went to its single successor (`unitCode`). */
  routedFromUnitCode?: string;
}

/** A bilingual `DomainError` of the mediation feature (`@xaso/api` maps it wherever thrown). */
export class MediationDomainError extends DomainError {}

const bad = (en: string, vi: string) => new MediationDomainError('BAD_USER_INPUT', en, vi);
const isDate = (s: string | undefined) => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

export function validateMediationCase(c: MediationCase): MediationCase {
  if (!c.unitCode?.trim()) throw bad('unitCode is required', 'Phải có mã đơn vị');
  if (!c.subject?.trim()) throw bad('The subject of the dispute is required', 'Phải có nội dung vụ việc hòa giải');
  const parties = (c.parties ?? []).map((p) => p.trim()).filter(Boolean);
  const mediators = (c.mediators ?? []).map((p) => p.trim()).filter(Boolean);
  if (parties.length < 2) throw bad('A mediation needs at least two parties', 'Vụ việc hòa giải phải có ít nhất hai bên');
  if (mediators.length < 1) throw bad('At least one mediator is required', 'Phải có ít nhất một hòa giải viên');
  if (!isDate(c.openedOn)) throw bad('openedOn must be YYYY-MM-DD', 'Ngày bắt đầu không hợp lệ');
  if (!MEDIATION_OUTCOMES.includes(c.outcome)) throw bad(`Unknown outcome ${c.outcome}`, `Kết quả không hợp lệ: ${c.outcome}`);
  if (c.outcome !== 'PENDING') {
    if (!isDate(c.closedOn)) throw bad('A closed mediation needs closedOn (YYYY-MM-DD)', 'Vụ việc đã kết thúc phải có ngày kết thúc');
    if (String(c.closedOn) < c.openedOn) throw bad('closedOn is before openedOn', 'Ngày kết thúc trước ngày bắt đầu');
  } else if (c.closedOn) {
    throw bad('A pending mediation has no closedOn', 'Vụ việc đang hòa giải không có ngày kết thúc');
  }
  if (c.outcome === 'REFERRED' && !c.referredTo?.trim()) {
    throw bad('A referred mediation must say where it was referred', 'Phải ghi rõ nơi chuyển vụ việc');
  }
  return { ...c, parties, mediators, subject: c.subject.trim() };
}

/** Records the outcome of a pending case. */
export function closeMediation(
  c: MediationCase,
  outcome: Exclude<MediationOutcome, 'PENDING'>,
  closedOn: string,
  details: { referredTo?: string; result?: string } = {},
): MediationCase {
  if (c.outcome !== 'PENDING') {
    throw new MediationDomainError('MEDIATION_ALREADY_CLOSED', 'This mediation already has an outcome', 'Vụ việc hòa giải đã có kết quả', 'conflict');
  }
  return validateMediationCase({ ...c, outcome, closedOn, referredTo: details.referredTo, result: details.result });
}

export interface MediationOutcomeUpdate {
  outcome: MediationOutcome;
  closedOn?: string;
  referredTo?: string;
  result?: string;
}

/**
 * Updates a recorded case: a pending case gets its outcome (successful, unsuccessful, referred)
 * or, still pending, a progress note (`result`). A closed case keeps its outcome; only a
 * successful case that the parties did not carry out may be re-opened as UNSUCCESSFUL or
 * REFERRED [Law on Grassroots Mediation 2013 Art. 24: the agreement not performed → the parties
 * turn to the competent authority], keeping the original closing date when none is given.
 */
export function updateMediationOutcome(c: MediationCase, update: MediationOutcomeUpdate): MediationCase {
  if (c.outcome === 'PENDING') {
    if (update.outcome === 'PENDING') {
      if (update.closedOn) throw bad('A pending mediation has no closedOn', 'Vụ việc đang hòa giải không có ngày kết thúc');
      return validateMediationCase({ ...c, result: update.result?.trim() || c.result });
    }
    if (!update.closedOn) throw bad('Closing a mediation needs closedOn (YYYY-MM-DD)', 'Kết thúc vụ việc hòa giải phải có ngày kết thúc');
    return closeMediation(c, update.outcome, update.closedOn, update);
  }
  if (c.outcome === 'SUCCESSFUL' && (update.outcome === 'UNSUCCESSFUL' || update.outcome === 'REFERRED')) {
    return validateMediationCase({
      ...c,
      outcome: update.outcome,
      closedOn: update.closedOn ?? c.closedOn,
      referredTo: update.referredTo,
      result: [c.result, update.result?.trim()].filter(Boolean).join(' — ') || undefined,
    });
  }
  throw new MediationDomainError(
    'MEDIATION_ALREADY_CLOSED',
    `This mediation is closed as ${c.outcome}; it cannot become ${update.outcome}`,
    `Vụ việc hòa giải đã kết thúc (${c.outcome}); không thể chuyển sang ${update.outcome}`,
    'conflict',
  );
}

export interface MediationSummary {
  total: number;
  pending: number;
  successful: number;
  unsuccessful: number;
  referred: number;
  /** successful / closed; null when nothing closed. */
  successRate: number | null;
}

export function summarizeMediation(cases: readonly Pick<MediationCase, 'outcome'>[]): MediationSummary {
  const s = { total: cases.length, pending: 0, successful: 0, unsuccessful: 0, referred: 0, successRate: null as number | null };
  for (const c of cases) {
    if (c.outcome === 'PENDING') s.pending++;
    else if (c.outcome === 'SUCCESSFUL') s.successful++;
    else if (c.outcome === 'UNSUCCESSFUL') s.unsuccessful++;
    else s.referred++;
  }
  const closed = s.successful + s.unsuccessful + s.referred;
  s.successRate = closed ? Math.round((s.successful / closed) * 10_000) / 10_000 : null;
  return s;
}
