import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { managerFor } from '@xaso/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ReceptionRepository } from '../application/reception.repository.port';
import type { ReceptionSession } from '../domain/reception';

/** `ReceptionRepository` over PostgreSQL (`reception_session`; joins the ambient transaction via managerFor). */
@Injectable()
export class PgReceptionRepository extends ReceptionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

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

  /** Petition codes of the list that do not exist (a reception session lists only real cases). */
  async missingPetitionCodes(codes: string[]): Promise<string[]> {
    if (!codes.length) return [];
    const rows: { code: string }[] = await managerFor(this.dataSource).query(`SELECT code FROM petition WHERE code = ANY($1::text[])`, [codes]);
    const found = new Set(rows.map((r) => r.code));
    return [...new Set(codes)].filter((c) => !found.has(c));
  }
}

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

