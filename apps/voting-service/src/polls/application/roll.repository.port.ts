import type { RepresentativeChange, RollEntry } from '../domain';

/** A replacement as logged: by which officer (token subject) and when. */
export interface LoggedRepresentativeChange extends RepresentativeChange {
  readonly pollId: string;
  readonly changedBy: string;
  readonly changedAt: Date;
}

/** A poll's roll, keyed by household id (HOUSEHOLDS) or ID number (VOTERS). */
export abstract class RollRepository {
  /** Replaces the poll's roll with these entries in one set-based statement. */
  abstract replace(pollId: string, entries: readonly RollEntry[], keyOf: (entry: RollEntry) => string): Promise<void>;
  abstract entries(pollId: string): Promise<RollEntry[]>;
  /** The entry key of the roll row with this ID number, or null. */
  abstract keyOfIdNumber(pollId: string, idNumber: string): Promise<string | null>;
  /** The keys of the list that are not on the roll. */
  abstract missingKeys(pollId: string, keys: readonly string[]): Promise<string[]>;
  /** The roll entry with this key, or null. */
  abstract entry(pollId: string, key: string): Promise<RollEntry | null>;
  /** Logs the change and puts the new representative on the roll (the caller holds the poll's lock). */
  abstract logChange(pollId: string, change: RepresentativeChange, changedBy: string): Promise<LoggedRepresentativeChange>;
  /** The poll's replacement log, oldest first. */
  abstract changes(pollId: string): Promise<LoggedRepresentativeChange[]>;
}
