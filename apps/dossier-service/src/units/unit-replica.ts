import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { adminUnitCreated, type EventEnvelope, type EventPayload } from '@xaso/contracts';
import { OnEvent, type HandlerContext } from '@xaso/messaging';
import { managerFor } from '@xaso/persistence';

export interface ReplicaUnit {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
}

/**
 * Local read model of the administrative units (merger-service owns them), filled from
 * `admin-unit.created` events. Used for the province of a unit (PROVINCE_OFFICER scope, "any
 * centre in the province may receive"). While it is empty, unit codes are accepted as given.
 */
@Injectable()
export class UnitReplica {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  @OnEvent(adminUnitCreated)
  async onUnitCreated(event: EventEnvelope<EventPayload<typeof adminUnitCreated>>, context: HandlerContext): Promise<void> {
    const p = event.payload;
    await context.manager.query(
      `INSERT INTO admin_unit_replica (code, valid_from, valid_to, name, level, parent_code) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (code, valid_from) DO UPDATE SET valid_to = EXCLUDED.valid_to, name = EXCLUDED.name,
         level = EXCLUDED.level, parent_code = EXCLUDED.parent_code`,
      [p.code, p.validFrom, p.validTo, p.name, p.level, p.parent?.code ?? null],
    );
  }

  /** Test/seed helper: record a unit directly. */
  async upsert(unit: ReplicaUnit & { validFrom?: string }): Promise<void> {
    await managerFor(this.dataSource).query(
      `INSERT INTO admin_unit_replica (code, valid_from, name, level, parent_code) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code, valid_from) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code`,
      [unit.code, unit.validFrom ?? '2025-07-01', unit.name, unit.level, unit.parentCode],
    );
  }

  async isEmpty(): Promise<boolean> {
    const rows: unknown[] = await managerFor(this.dataSource).query('SELECT 1 FROM admin_unit_replica LIMIT 1');
    return rows.length === 0;
  }

  /** The unit's current version (the latest one still valid), or null when unknown. */
  async find(code: string): Promise<ReplicaUnit | null> {
    const rows: { code: string; name: string; level: string; parent_code: string | null }[] = await managerFor(this.dataSource).query(
      `SELECT code, name, level, parent_code FROM admin_unit_replica
        WHERE code = $1 ORDER BY (valid_to IS NULL) DESC, valid_from DESC LIMIT 1`,
      [code],
    );
    const row = rows[0];
    return row ? { code: row.code, name: row.name, level: row.level, parentCode: row.parent_code } : null;
  }

  /** Province code of a unit: the top of its parent chain (a province is its own province); undefined when the replica does not know it. */
  async provinceOf(code: string): Promise<string | undefined> {
    let unit = await this.find(code);
    for (let depth = 0; unit && depth < 4; depth++) {
      if (!unit.parentCode) return unit.code;
      unit = await this.find(unit.parentCode);
    }
    return undefined;
  }
}
