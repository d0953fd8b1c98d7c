import type { ReceptionSession } from '../domain/reception';

/** Reception sessions (joins the ambient transaction). */
export abstract class ReceptionRepository {
  abstract insertSession(s: ReceptionSession, recordedBy: string): Promise<ReceptionSession>;
  /** A unit's sessions on the days in [from, to], by date. */
  abstract sessions(unitCode: string, from: string, to: string): Promise<ReceptionSession[]>;
  /** Petition codes of the list that do not exist (a reception session lists only real cases). */
  abstract missingPetitionCodes(codes: string[]): Promise<string[]>;
}
