/**
 * Petition statistics per unit and period (pure): received by kind and channel, accepted,
 * refused, referred, withdrawn, resolved on time / late, pending on time / overdue at the end of
 * the period, satisfaction from ratings. Personal data never enters here.
 */
import { outcomeTiming } from './deadlines';
import { addDays, startOfLocalDay, toLocalDate } from '@xaso/calendar';
import type { LocalDate, PetitionChannel, PetitionKind } from './petition.types';
import { PETITION_CHANNELS, PETITION_KINDS } from './petition.types';

export interface PetitionStatRecord {
  kind: PetitionKind;
  channel: PetitionChannel;
  receivedAt: Date;
  acceptanceDue: LocalDate;
  acceptedAt?: Date;
  refusedAt?: Date;
  referredAt?: Date;
  resolvedAt?: Date;
  resolutionDue?: LocalDate;
  withdrawnAt?: Date;
  /** When the record left the workflow otherwise (linked as duplicate, archived, appealed). */
  closedAt?: Date;
  linked?: boolean;
  rating?: { score: number; at: Date };
}

export interface StatisticsPeriod {
  from: LocalDate;
  to: LocalDate;
}

export interface PetitionStatistics {
  from: LocalDate;
  to: LocalDate;
  received: number;
  receivedByKind: Record<PetitionKind, number>;
  receivedByChannel: Record<PetitionChannel, number>;
  linkedDuplicates: number;
  accepted: number;
  refused: number;
  referred: number;
  withdrawn: number;
  resolvedOnTime: number;
  resolvedLate: number;
  /** resolvedOnTime / (resolvedOnTime + resolvedLate); null when nothing was resolved. */
  onTimeRate: number | null;
  pendingOnTime: number;
  pendingOverdue: number;
  ratings: number;
  averageRating: number | null;
  /** Ratings of 4 or 5. */
  satisfied: number;
  satisfactionRate: number | null;
}

export interface RecordClassification {
  received: boolean;
  accepted: boolean;
  refused: boolean;
  referred: boolean;
  withdrawn: boolean;
  resolved?: 'ON_TIME' | 'LATE';
  pending?: 'ON_TIME' | 'OVERDUE';
  rated: boolean;
}

const inPeriod = (at: Date | undefined, p: StatisticsPeriod) => {
  if (!at) return false;
  const d = toLocalDate(at);
  return d >= p.from && d <= p.to;
};

/** The instant up to which pending cases are evaluated: the end of `to`, or `now` if earlier. */
export function evaluationInstant(period: StatisticsPeriod, now: Date): Date {
  const endOfPeriod = new Date(startOfLocalDay(addDays(period.to, 1)).getTime() - 1);
  return now < endOfPeriod ? now : endOfPeriod;
}

function closedAtOf(r: PetitionStatRecord): Date | undefined {
  const dates = [r.resolvedAt, r.refusedAt, r.referredAt, r.withdrawnAt, r.closedAt].filter((d): d is Date => !!d);
  return dates.length ? new Date(Math.min(...dates.map((d) => d.getTime()))) : undefined;
}

export function classifyRecord(r: PetitionStatRecord, period: StatisticsPeriod, now: Date): RecordClassification {
  const c: RecordClassification = {
    received: inPeriod(r.receivedAt, period),
    accepted: inPeriod(r.acceptedAt, period),
    refused: inPeriod(r.refusedAt, period),
    referred: inPeriod(r.referredAt, period),
    withdrawn: inPeriod(r.withdrawnAt, period),
    rated: inPeriod(r.rating?.at, period),
  };
  if (r.resolvedAt && inPeriod(r.resolvedAt, period)) {
    c.resolved = r.resolutionDue ? outcomeTiming(r.resolvedAt, r.resolutionDue) : 'ON_TIME';
  }
  const t = evaluationInstant(period, now);
  const closedAt = closedAtOf(r);
  const open = r.receivedAt <= t && (!closedAt || closedAt > t);
  if (open && r.kind !== 'INFORMATION') {
    const accepted = !!r.acceptedAt && r.acceptedAt <= t;
    const due = accepted ? r.resolutionDue : r.acceptanceDue;
    c.pending = due && toLocalDate(t) > due ? 'OVERDUE' : 'ON_TIME';
  }
  return c;
}

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const ratio = (num: number, den: number) => (den === 0 ? null : Math.round((num / den) * 10_000) / 10_000);

export function computeStatistics(records: Iterable<PetitionStatRecord>, period: StatisticsPeriod, now: Date): PetitionStatistics {
  if (period.from > period.to) throw new RangeError(`Period start ${period.from} is after its end ${period.to}`);
  const s: PetitionStatistics = {
    from: period.from,
    to: period.to,
    received: 0,
    receivedByKind: zeroes(PETITION_KINDS),
    receivedByChannel: zeroes(PETITION_CHANNELS),
    linkedDuplicates: 0,
    accepted: 0,
    refused: 0,
    referred: 0,
    withdrawn: 0,
    resolvedOnTime: 0,
    resolvedLate: 0,
    onTimeRate: null,
    pendingOnTime: 0,
    pendingOverdue: 0,
    ratings: 0,
    averageRating: null,
    satisfied: 0,
    satisfactionRate: null,
  };
  let ratingSum = 0;
  for (const r of records) {
    const c = classifyRecord(r, period, now);
    if (c.received) {
      s.received++;
      s.receivedByKind[r.kind]++;
      s.receivedByChannel[r.channel]++;
      if (r.linked) s.linkedDuplicates++;
    }
    if (c.accepted) s.accepted++;
    if (c.refused) s.refused++;
    if (c.referred) s.referred++;
    if (c.withdrawn) s.withdrawn++;
    if (c.resolved === 'ON_TIME') s.resolvedOnTime++;
    if (c.resolved === 'LATE') s.resolvedLate++;
    if (c.pending === 'ON_TIME') s.pendingOnTime++;
    if (c.pending === 'OVERDUE') s.pendingOverdue++;
    if (c.rated && r.rating) {
      s.ratings++;
      ratingSum += r.rating.score;
      if (r.rating.score >= 4) s.satisfied++;
    }
  }
  s.onTimeRate = ratio(s.resolvedOnTime, s.resolvedOnTime + s.resolvedLate);
  s.averageRating = s.ratings ? Math.round((ratingSum / s.ratings) * 100) / 100 : null;
  s.satisfactionRate = ratio(s.satisfied, s.ratings);
  return s;
}
