import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { managerFor } from '@xaso/persistence';
import { DataSource } from 'typeorm';
import { isUuid } from '../../common/infrastructure/uuid';
import { AssessmentRepository } from '../application/assessment.repository.port';
import type { Assessment, HistoryEntry } from '../domain/assessment';
import type { ScoreSheet } from '../domain/score-sheet';
import { type AssessmentBody, assessmentBodyOf } from './assessment-row';

interface HistoryRow {
  seq: number;
  step: HistoryEntry['step'];
  from_state: HistoryEntry['from'];
  to_state: HistoryEntry['to'];
  actor_id: string;
  at: Date;
  reason: string | null;
  changes: HistoryEntry['changes'];
}

@Injectable()
export class PgAssessmentRepository extends AssessmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  async get(cycleId: string, unitCode: string, forUpdate = false): Promise<Assessment | null> {
    if (!isUuid(cycleId)) return null;
    const manager = managerFor(this.dataSource);
    const [row]: { body: AssessmentBody }[] = await manager.query(
      `SELECT body FROM assessment WHERE cycle_id = $1 AND unit_code = $2${forUpdate ? ' FOR UPDATE' : ''}`,
      [cycleId, unitCode],
    );
    if (!row) return null;
    const history: HistoryRow[] = await manager.query(`SELECT * FROM assessment_history WHERE cycle_id = $1 AND unit_code = $2 ORDER BY seq`, [cycleId, unitCode]);
    return {
      ...row.body,
      history: history.map((h) => ({
        seq: h.seq,
        step: h.step,
        from: h.from_state,
        to: h.to_state,
        actorId: h.actor_id,
        at: h.at.toISOString(),
        changes: h.changes,
        reason: h.reason,
      })),
    };
  }

  async save(a: Assessment, previousSeq: number, result: ScoreSheet): Promise<void> {
    const manager = managerFor(this.dataSource);
    await manager.query(
      `UPDATE assessment SET state = $3, total = $4, level_code = $5, insufficient_data = $6, body = $7::jsonb, version = version + 1, updated_at = now()
       WHERE cycle_id = $1 AND unit_code = $2`,
      [a.cycleId, a.unitCode, a.state, result.total, a.recognisedLevelCode ?? result.levelCode, result.insufficientData, JSON.stringify(assessmentBodyOf(a))],
    );
    const added = a.history.filter((h) => h.seq > previousSeq);
    if (added.length === 0) return;
    await manager.query(
      `INSERT INTO assessment_history (cycle_id, unit_code, seq, step, from_state, to_state, actor_id, at, reason, changes)
       SELECT $1, $2, h.seq, h.step, h.from_state, h.to_state, h.actor_id, h.at, h.reason, h.changes
       FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[], $10::jsonb[])
         AS h (seq, step, from_state, to_state, actor_id, at, reason, changes)`,
      [
        a.cycleId,
        a.unitCode,
        added.map((h) => h.seq),
        added.map((h) => h.step),
        added.map((h) => h.from),
        added.map((h) => h.to),
        added.map((h) => h.actorId),
        added.map((h) => h.at),
        added.map((h) => h.reason),
        added.map((h) => JSON.stringify(h.changes)),
      ],
    );
  }
}
