import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { inTransaction, managerFor } from '@xaso/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ReceptionSession } from '../domain/reception';
import type { MediationCase } from '../../mediation/domain/mediation';

@Injectable()
export class ReceptionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insertSession(s: ReceptionSession, recordedBy: string): Promise<ReceptionSession> {
    const id = randomUUID();
    await managerFor(this.dataSource).query(
      `INSERT INTO reception_session (id, unit_code, date, chairperson_id, chairperson_present, citizens_received, petition_codes, notes, recorded_by,
         routed_from_unit_code)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [id, s.unitCode, s.date, s.chairpersonId, s.chairpersonPresent, s.citizensReceived, s.petitionCodes, s.notes ?? null, recordedBy, s.routedFromUnitCode ?? null],
    );
    return { ...s, id };
  }

  async sessions(unitCode: string, from: string, to: string): Promise<ReceptionSession[]> {
    const rows = await managerFor(this.dataSource).query(
      `SELECT id, unit_code, date::text AS date, chairperson_id, chairperson_present, citizens_received, petition_codes, notes, routed_from_unit_code
       FROM reception_session WHERE unit_code = $1 AND date BETWEEN $2 AND $3 ORDER BY date, id`,
      [unitCode, from, to],
    );
    return rows.map((r: SessionRow) => ({
      id: r.id,
      unitCode: r.unit_code,
      date: r.date,
      chairpersonId: r.chairperson_id,
      chairpersonPresent: r.chairperson_present,
      citizensReceived: r.citizens_received,
      petitionCodes: r.petition_codes,
      notes: r.notes ?? undefined,
      routedFromUnitCode: r.routed_from_unit_code ?? undefined,
    }));
  }

  async insertMediation(c: MediationCase, recordedBy: string): Promise<MediationCase> {
    const id = randomUUID();
    await managerFor(this.dataSource).query(
      `INSERT INTO mediation_case (id, unit_code, mediation_team, subject, parties, mediators, opened_on, closed_on, outcome, referred_to, result, recorded_by,
         routed_from_unit_code)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
      [
        id, c.unitCode, c.mediationTeam ?? null, c.subject, c.parties, c.mediators, c.openedOn, c.closedOn ?? null, c.outcome, c.referredTo ?? null,
        c.result ?? null, recordedBy, c.routedFromUnitCode ?? null,
      ],
    );
    return { ...c, id };
  }

  /** Petition codes of the list that do not exist (a reception session lists only real cases). */
  async missingPetitionCodes(codes: string[]): Promise<string[]> {
    if (!codes.length) return [];
    const rows: { code: string }[] = await managerFor(this.dataSource).query(`SELECT code FROM petition WHERE code = ANY($1::text[])`, [codes]);
    const found = new Set(rows.map((r) => r.code));
    return [...new Set(codes)].filter((c) => !found.has(c));
  }

  /**
   * Loads a mediation case row-locked, lets `change` compute the new state (it may throw), saves
   * it, all in one transaction. `null` when there is no such case.
   */
  async changeMediation(id: string, change: (c: MediationCase) => MediationCase | Promise<MediationCase>): Promise<MediationCase | null> {
    return inTransaction(this.dataSource, async () => {
      const [row] = await managerFor(this.dataSource).query(`${MEDIATION_SELECT} WHERE id::text = $1 FOR UPDATE`, [id]);
      if (!row) return null;
      const next = await change(mediationOf(row));
      await managerFor(this.dataSource).query(
        `UPDATE mediation_case SET outcome = $2, closed_on = $3, referred_to = $4, result = $5 WHERE id = $1`,
        [next.id, next.outcome, next.closedOn ?? null, next.referredTo ?? null, next.result ?? null],
      );
      return next;
    });
  }

  async mediationCases(unitCode: string, from: string, to: string): Promise<MediationCase[]> {
    const rows = await managerFor(this.dataSource).query(`${MEDIATION_SELECT} WHERE unit_code = $1 AND opened_on BETWEEN $2 AND $3 ORDER BY opened_on, id`, [
      unitCode,
      from,
      to,
    ]);
    return rows.map(mediationOf);
  }
}

const MEDIATION_SELECT = `SELECT id, unit_code, mediation_team, subject, parties, mediators, opened_on::text AS opened_on, closed_on::text AS closed_on,
  outcome, referred_to, result, routed_from_unit_code FROM mediation_case`;

interface SessionRow {
  id: string;
  unit_code: string;
  date: string;
  chairperson_id: string;
  chairperson_present: boolean;
  citizens_received: number;
  petition_codes: string[];
  notes: string | null;
  routed_from_unit_code: string | null;
}

interface MediationRow {
  id: string;
  unit_code: string;
  mediation_team: string | null;
  subject: string;
  parties: string[];
  mediators: string[];
  opened_on: string;
  closed_on: string | null;
  outcome: MediationCase['outcome'];
  referred_to: string | null;
  result: string | null;
  routed_from_unit_code: string | null;
}

function mediationOf(r: MediationRow): MediationCase {
  return {
    id: r.id,
    unitCode: r.unit_code,
    mediationTeam: r.mediation_team ?? undefined,
    subject: r.subject,
    parties: r.parties,
    mediators: r.mediators,
    openedOn: r.opened_on,
    closedOn: r.closed_on ?? undefined,
    outcome: r.outcome,
    referredTo: r.referred_to ?? undefined,
    result: r.result ?? undefined,
    routedFromUnitCode: r.routed_from_unit_code ?? undefined,
  };
}
