import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { managerFor } from '@xaso/persistence';
import { DataSource } from 'typeorm';
import { type LoggedRepresentativeChange, RollRepository } from '../application/roll.repository.port';
import type { RepresentativeChange, RollEntry } from '../domain';

/** `RollRepository` over PostgreSQL: set-based (`unnest`) so a 20,000-row roll is one statement. */
@Injectable()
export class PgRollRepository extends RollRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  private q<T = any>(sql: string, params: unknown[] = []): Promise<T> {
    return managerFor(this.dataSource).query(sql, params);
  }

  async replace(pollId: string, entries: readonly RollEntry[], keyOf: (entry: RollEntry) => string): Promise<void> {
    await this.q(`DELETE FROM poll_roll_entry WHERE poll_id = $1`, [pollId]);
    await this.q(
      `INSERT INTO poll_roll_entry (poll_id, entry_key, household_id, id_number, name, village_code)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[])`,
      [pollId, entries.map(keyOf), entries.map((e) => e.householdId), entries.map((e) => e.idNumber), entries.map((e) => e.name), entries.map((e) => e.villageCode)],
    );
  }

  async entries(pollId: string): Promise<RollEntry[]> {
    const rows: { household_id: string | null; id_number: string; name: string; village_code: string }[] = await this.q(
      `SELECT household_id, id_number, name, village_code FROM poll_roll_entry WHERE poll_id = $1`,
      [pollId],
    );
    return rows.map((r) => ({ householdId: r.household_id, idNumber: r.id_number, name: r.name, villageCode: r.village_code }));
  }

  async keyOfIdNumber(pollId: string, idNumber: string): Promise<string | null> {
    const [row] = await this.q<{ entry_key: string }[]>(`SELECT entry_key FROM poll_roll_entry WHERE poll_id = $1 AND id_number = $2`, [pollId, idNumber]);
    return row?.entry_key ?? null;
  }

  async missingKeys(pollId: string, keys: readonly string[]): Promise<string[]> {
    const rows: { key: string }[] = await this.q(
      `SELECT k.key FROM unnest($2::text[]) AS k(key) WHERE NOT EXISTS (SELECT 1 FROM poll_roll_entry r WHERE r.poll_id = $1 AND r.entry_key = k.key)`,
      [pollId, keys],
    );
    return rows.map((r) => r.key);
  }

  async entry(pollId: string, key: string): Promise<RollEntry | null> {
    const [r] = await this.q<{ household_id: string | null; id_number: string; name: string; village_code: string }[]>(
      `SELECT household_id, id_number, name, village_code FROM poll_roll_entry WHERE poll_id = $1 AND entry_key = $2`,
      [pollId, key],
    );
    return r ? { householdId: r.household_id, idNumber: r.id_number, name: r.name, villageCode: r.village_code } : null;
  }

  async logChange(pollId: string, change: RepresentativeChange, changedBy: string): Promise<LoggedRepresentativeChange> {
    const [row] = await this.q<ChangeRow[]>(
      `INSERT INTO poll_representative_change (poll_id, household_id, previous_id_number, previous_name, id_number, name, reason, changed_by)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING ${CHANGE_COLUMNS}`,
      [pollId, change.householdId, change.previousIdNumber, change.previousName, change.idNumber, change.name, change.reason, changedBy],
    );
    await this.q(`UPDATE poll_roll_entry SET id_number = $3, name = $4 WHERE poll_id = $1 AND entry_key = $2`, [pollId, change.householdId, change.idNumber, change.name]);
    return changeOf(row);
  }

  async changes(pollId: string): Promise<LoggedRepresentativeChange[]> {
    const rows = await this.q<ChangeRow[]>(`SELECT ${CHANGE_COLUMNS} FROM poll_representative_change WHERE poll_id = $1 ORDER BY id`, [pollId]);
    return rows.map(changeOf);
  }
}

const CHANGE_COLUMNS = 'poll_id, household_id, previous_id_number, previous_name, id_number, name, reason, changed_by, changed_at';

interface ChangeRow {
  poll_id: string;
  household_id: string;
  previous_id_number: string;
  previous_name: string;
  id_number: string;
  name: string;
  reason: string;
  changed_by: string;
  changed_at: Date;
}

const changeOf = (r: ChangeRow): LoggedRepresentativeChange => ({
  pollId: r.poll_id,
  householdId: r.household_id,
  previousIdNumber: r.previous_id_number,
  previousName: r.previous_name,
  idNumber: r.id_number,
  name: r.name,
  reason: r.reason,
  changedBy: r.changed_by,
  changedAt: new Date(r.changed_at),
});
