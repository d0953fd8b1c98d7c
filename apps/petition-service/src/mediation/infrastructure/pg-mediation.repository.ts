import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { managerFor } from '@xaso/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MediationRepository } from '../application/mediation.repository.port';
import type { MediationCase } from '../domain/mediation';

const MEDIATION_SELECT = `SELECT id, unit_code, mediation_team, subject, parties, mediators, opened_on::text AS opened_on, closed_on::text AS closed_on,
  outcome, referred_to, result, routed_from_unit_code FROM mediation_case`;

/** `MediationRepository` over PostgreSQL (`mediation_case`; joins the ambient transaction via managerFor). */
@Injectable()
export class PgMediationRepository extends MediationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async insert(c: MediationCase, recordedBy: string): Promise<MediationCase> {
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

  async findForUpdate(id: string): Promise<MediationCase | null> {
    const [row] = await managerFor(this.dataSource).query(`${MEDIATION_SELECT} WHERE id::text = $1 FOR UPDATE`, [id]);
    return row ? mediationOf(row) : null;
  }

  async saveOutcome(c: MediationCase): Promise<void> {
    await managerFor(this.dataSource).query(`UPDATE mediation_case SET outcome = $2, closed_on = $3, referred_to = $4, result = $5 WHERE id = $1`, [
      c.id,
      c.outcome,
      c.closedOn ?? null,
      c.referredTo ?? null,
      c.result ?? null,
    ]);
  }

  async openedBetween(unitCode: string, from: string, to: string): Promise<MediationCase[]> {
    const rows = await managerFor(this.dataSource).query(`${MEDIATION_SELECT} WHERE unit_code = $1 AND opened_on BETWEEN $2 AND $3 ORDER BY opened_on, id`, [
      unitCode,
      from,
      to,
    ]);
    return rows.map(mediationOf);
  }
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
