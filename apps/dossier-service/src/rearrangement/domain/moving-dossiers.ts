/**
 * Which dossiers a rearrangement moves (issue 12): open dossiers go to the successor with their
 * code, due date and history (a TRANSFER entry names the plan); closed ones keep their unit and
 * are counted for the successor as carried over. Pure.
 */
import { TERMINAL_STATUSES } from '../../dossiers/domain/dossier-status';

export const DOSSIER_RECORD_TYPE = 'dossier';

/** Statuses that stay with their unit (the work is done). */
export const CLOSED_DOSSIER_STATUSES: readonly string[] = [...TERMINAL_STATUSES];

/** The history note of a moved dossier (Vietnamese first, as the one-stop shop shows it). */
export function rearrangementNote(planId: string, direction: 'apply' | 'compensate'): string {
  return direction === 'apply'
    ? `Chuyển đơn vị theo phương án sắp xếp ${planId} / moved to the successor unit by rearrangement plan ${planId}`
    : `Hoàn tác phương án sắp xếp ${planId} / moved back: rearrangement plan ${planId} rolled back`;
}
