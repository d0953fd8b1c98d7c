/**
 * Dossier codes `<agency code>-<YYMMDD>-<NNNN>` [Circular 01/2018/TT-VPCP Art. 19 shape]:
 * the receiving agency's code, the local (Asia/Ho_Chi_Minh) day of receipt, and a 4-digit
 * sequence per agency per day (0001–9999).
 */
import { LocalDate, isValidLocalDate, toLocalDate } from '@xaso/calendar';
import { DossierDomainError } from './dossier-domain-error';

/** Agency codes: letters, digits, dots and underscores (e.g. `00004`, `000.00.12.H23`); no '-', the separator. */
export const AGENCY_CODE_PATTERN = /^[A-Za-z0-9._]{1,40}$/;
export const MAX_DAILY_SEQUENCE = 9999;
const CODE_RE = /^([A-Za-z0-9._]{1,40})-(\d{2})(\d{2})(\d{2})-(\d{4})$/;

export interface ParsedDossierCode {
  agencyCode: string;
  /** Local day of receipt (years 2000–2099). */
  date: LocalDate;
  sequence: number;
}

/** Formats a code; `day` is a local date or an instant (converted to its local day). */
export function formatDossierCode(agencyCode: string, day: LocalDate | Date, sequence: number): string {
  if (!AGENCY_CODE_PATTERN.test(agencyCode)) {
    throw new DossierDomainError('INVALID_DOSSIER_CODE', `Invalid agency code "${agencyCode}"`, `Mã cơ quan không hợp lệ: "${agencyCode}"`);
  }
  const date = day instanceof Date ? toLocalDate(day) : day;
  if (!isValidLocalDate(date) || date < '2000-01-01' || date > '2099-12-31') {
    throw new DossierDomainError('INVALID_DOSSIER_CODE', `Invalid date ${String(date)}`, `Ngày không hợp lệ: ${String(date)}`);
  }
  if (!Number.isInteger(sequence) || sequence < 1) {
    throw new DossierDomainError('INVALID_DOSSIER_CODE', `Invalid sequence ${sequence}`, `Số thứ tự không hợp lệ: ${sequence}`);
  }
  if (sequence > MAX_DAILY_SEQUENCE) {
    throw new DossierDomainError(
      'DAILY_SEQUENCE_EXHAUSTED',
      `Agency ${agencyCode} has used all ${MAX_DAILY_SEQUENCE} dossier numbers of ${date}`,
      `Cơ quan ${agencyCode} đã dùng hết ${MAX_DAILY_SEQUENCE} số hồ sơ của ngày ${date}`,
    );
  }
  return `${agencyCode}-${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}-${String(sequence).padStart(4, '0')}`;
}

/** Parses a code; null when it is not well formed (bad shape, impossible date, sequence 0000). */
export function parseDossierCode(code: string): ParsedDossierCode | null {
  if (typeof code !== 'string') return null;
  const m = CODE_RE.exec(code.trim());
  if (!m) return null;
  const date = `20${m[2]}-${m[3]}-${m[4]}`;
  const sequence = Number(m[5]);
  if (!isValidLocalDate(date) || sequence < 1) return null;
  return { agencyCode: m[1], date, sequence };
}

export function isValidDossierCode(code: string): boolean {
  return parseDossierCode(code) !== null;
}
