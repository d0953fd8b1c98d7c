import { shownDueAt } from '../application/domain-bridge';
import type { TrackingRecord } from '../application/dossier.records';

/**
 * Public tracking as GraphQL's `DossierTracking` and REST's tracking resource both show it: the
 * same fields, so the gateway may answer one from the other. No personal data.
 */
export function dossierTrackingView(tracking: TrackingRecord, overdue: boolean) {
  const { dossier: d, history } = tracking;
  return {
    code: d.code,
    legacyCode: d.legacyCode ?? null,
    procedureCode: d.procedureCode,
    procedureName: tracking.procedureName ?? d.procedureCode,
    status: d.status,
    receivedAt: d.receivedAt,
    dueAt: shownDueAt(d),
    completedAt: d.completedAt,
    overdue,
    apologyNewDueAt: d.apology?.newDueAt ?? null,
    history: history.map((h) => ({ status: h.toStatus, action: h.action, at: h.at })),
  };
}
