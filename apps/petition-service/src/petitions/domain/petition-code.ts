/**
 * Petition code `<unit code>-<YYMMDD>-<NNNN>` (4-digit sequence per unit per receiving day in
 * Vietnam), the same shape as dossier codes [Circular 01/2018/TT-VPCP Art. 19].
 */
import { toLocalDate } from '@xaso/calendar';
import type { LocalDate } from './petition.types';

const CODE_RE = /^([0-9A-Za-z.]+)-(\d{2})(\d{2})(\d{2})-(\d{4})$/;

export function petitionCode(unitCode: string, receivedAt: Date, sequence: number): string {
  if (!/^[0-9A-Za-z.]+$/.test(unitCode)) throw new RangeError(`Invalid unit code ${unitCode}`);
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999) throw new RangeError(`Sequence ${sequence} out of range 1..9999`);
  const day = toLocalDate(receivedAt);
  return `${unitCode}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(sequence).padStart(4, '0')}`;
}

/** The day a code's sequence counts in (the sequence key is `unitCode` + this day). */
export function sequenceDay(receivedAt: Date): LocalDate {
  return toLocalDate(receivedAt);
}

export function parsePetitionCode(code: string): { unitCode: string; date: LocalDate; sequence: number } | undefined {
  const m = CODE_RE.exec(code);
  if (!m) return undefined;
  return { unitCode: m[1], date: `20${m[2]}-${m[3]}-${m[4]}`, sequence: Number(m[5]) };
}
