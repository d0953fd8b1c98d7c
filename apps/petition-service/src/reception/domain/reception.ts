/**
 * Citizen reception sessions (tiếp công dân) and the chairperson compliance check:
 * before 2026-07-01 the commune chairperson receives citizens at least 1 day a week
 * [Law on Citizen Reception 2013 Art. 15]; from 2026-07-01 at least 2 days a month
 * [Law 136/2025/QH15]. Pure, no framework imports.
 */
import { fromEpochDay, isValidLocalDate, type LocalDate, toEpochDay } from '@xaso/calendar';
import { DomainError } from '@xaso/errors';

export type { LocalDate } from '@xaso/calendar';

export interface ReceptionSession {
  id?: string;
  unitCode: string;
  date: LocalDate;
  /** The chairperson (or the person the rule is checked for). */
  chairpersonId: string;
  chairpersonPresent: boolean;
  citizensReceived: number;
  /** Codes of the petitions opened from this session. */
  petitionCodes: string[];
  notes?: string;
  /** The unit code as given, when it named a unit abolished on `date` and the session went to its single successor (`unitCode`). */
  routedFromUnitCode?: string;
}

/** Invalid reception input, as a bilingual `DomainError` (`@xaso/api` maps it wherever thrown). */
export class ReceptionDomainError extends DomainError {}

const MONTH_RE = /^(\d{4})-(\d{2})$/;

function epochDay(date: LocalDate): number {
  if (!isValidLocalDate(date)) throw new ReceptionDomainError('BAD_USER_INPUT', `Invalid date ${date}`, `Ngày không hợp lệ: ${date}`);
  return toEpochDay(date);
}
const dateOf = fromEpochDay;

export function validateSession(s: ReceptionSession): ReceptionSession {
  epochDay(s.date);
  if (!s.unitCode?.trim()) throw new ReceptionDomainError('BAD_USER_INPUT', 'unitCode is required', 'Phải có mã đơn vị');
  if (!s.chairpersonId?.trim()) throw new ReceptionDomainError('BAD_USER_INPUT', 'chairpersonId is required', 'Phải có người chủ trì');
  if (!Number.isInteger(s.citizensReceived) || s.citizensReceived < 0) {
    throw new ReceptionDomainError('BAD_USER_INPUT', 'citizensReceived must be a non-negative integer', 'Số lượt công dân phải là số nguyên không âm');
  }
  return { ...s, petitionCodes: [...new Set(s.petitionCodes ?? [])] };
}

/** The day the monthly rule (2 days a month) replaces the weekly one. */
export const MONTHLY_RULE_FROM: LocalDate = '2026-07-01';
export const SESSIONS_PER_MONTH_FROM_2026_07 = 2;

/** Monday (epoch day) of the ISO week containing `day`. */
function isoWeekMonday(day: number): number {
  // 1970-01-01 was a Thursday: (day + 3) mod 7 = 0 on Mondays
  return day - (((day + 3) % 7) + 7) % 7;
}

/**
 * The ISO weeks that belong to a month: those whose Thursday falls in it (ISO 8601 convention),
 * as their Monday dates. A month has 4 or 5 of them.
 */
export function isoWeeksOfMonth(month: string): LocalDate[] {
  const m = MONTH_RE.exec(month);
  if (!m) throw new ReceptionDomainError('BAD_USER_INPUT', `Invalid month ${month} (YYYY-MM)`, `Tháng không hợp lệ: ${month}`);
  const first = epochDay(`${month}-01`);
  const next = Number(m[2]) === 12 ? `${Number(m[1]) + 1}-01-01` : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, '0')}-01`;
  const end = epochDay(next);
  const weeks: LocalDate[] = [];
  for (let monday = isoWeekMonday(first); monday < end; monday += 7) {
    const thursday = monday + 3;
    if (thursday >= first && thursday < end) weeks.push(dateOf(monday));
  }
  return weeks;
}

export interface ComplianceResult {
  unitCode?: string;
  chairpersonId: string;
  month: string;
  rule: 'WEEKLY' | 'TWICE_MONTHLY';
  required: number;
  /** Weeks covered (weekly rule) or distinct days held (monthly rule). */
  held: number;
  compliant: boolean;
  /** Weekly rule: Mondays of the weeks with no session. */
  missingWeeks: LocalDate[];
}

/**
 * Checks one chairperson's month. Only sessions the chairperson attended count. Weekly rule:
 * every ISO week of the month (Thursday rule) needs a session inside that week; monthly rule:
 * at least 2 distinct days in the calendar month.
 */
export function checkChairpersonCompliance(
  sessions: readonly Pick<ReceptionSession, 'date' | 'chairpersonId' | 'chairpersonPresent' | 'unitCode'>[],
  chairpersonId: string,
  month: string,
): ComplianceResult {
  const weeks = isoWeeksOfMonth(month);
  const own = sessions.filter((s) => s.chairpersonId === chairpersonId && s.chairpersonPresent);
  const unitCode = own[0]?.unitCode;
  if (`${month}-01` >= MONTHLY_RULE_FROM) {
    const days = new Set(own.filter((s) => s.date.startsWith(`${month}-`)).map((s) => s.date));
    return {
      unitCode,
      chairpersonId,
      month,
      rule: 'TWICE_MONTHLY',
      required: SESSIONS_PER_MONTH_FROM_2026_07,
      held: days.size,
      compliant: days.size >= SESSIONS_PER_MONTH_FROM_2026_07,
      missingWeeks: [],
    };
  }
  const covered = new Set(own.map((s) => dateOf(isoWeekMonday(epochDay(s.date)))));
  const missingWeeks = weeks.filter((w) => !covered.has(w));
  return {
    unitCode,
    chairpersonId,
    month,
    rule: 'WEEKLY',
    required: weeks.length,
    held: weeks.length - missingWeeks.length,
    compliant: missingWeeks.length === 0,
    missingWeeks,
  };
}

/** Compliance of every chairperson appearing in the sessions for a month. */
export function checkUnitCompliance(sessions: readonly ReceptionSession[], month: string): ComplianceResult[] {
  const ids = [...new Set(sessions.map((s) => s.chairpersonId))].sort();
  return ids.map((id) => checkChairpersonCompliance(sessions, id, month));
}
