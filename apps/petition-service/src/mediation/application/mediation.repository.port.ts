import type { MediationCase } from '../domain/mediation';

/** Grassroots mediation cases (joins the ambient transaction). */
export abstract class MediationRepository {
  abstract insert(c: MediationCase, recordedBy: string): Promise<MediationCase>;
  /** The case, row-locked until the transaction ends; `null` when there is none. */
  abstract findForUpdate(id: string): Promise<MediationCase | null>;
  /** Saves the outcome fields (outcome, closedOn, referredTo, result). */
  abstract saveOutcome(c: MediationCase): Promise<void>;
  /** A unit's cases opened on the days in [from, to], by opening day. */
  abstract openedBetween(unitCode: string, from: string, to: string): Promise<MediationCase[]>;
}
