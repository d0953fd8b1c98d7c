import { Injectable } from '@nestjs/common';
import { adminUnitImported } from '@xaso/contracts';
import { TransactionRunner } from '@xaso/persistence';
import { randomUUID } from 'node:crypto';
import { todayInVietnam } from '@xaso/calendar';
import { type CsvRecord, planImport } from '../domain/import-plan';
import { UnitEventPublisher } from './unit-event-publisher.port';
import { unitsUpsertedEvents } from './unit-events';
import { UnitLinkRepository } from './unit-link.repository.port';
import { UnitRepository } from './unit.repository.port';

export interface ImportInput {
  legacy: CsvRecord[];
  current: CsvRecord[];
  rearrangement: CsvRecord[];
  /** Where the rows came from, for the event (e.g. `shared/data/admin-units`). */
  dataset: string;
}

export interface ImportSummary {
  units: { total: number; created: number; updated: number; unchanged: number };
  /** Units announced in `admin-units.upserted` events (changed rows and units whose links changed), and the number of events. */
  announced: { units: number; events: number };
  links: { total: number; derived: number; created: number; updated: number };
  /** Units per `level@validFrom`, e.g. `COMMUNE@2025-07-01: 3321`. */
  countsByLevel: Record<string, number>;
  elapsedMs: number;
}

/**
 * Loads the published unit tables set-based (one upsert statement for the units, one for the
 * links) in one transaction. Idempotent: a second run finds nothing to change and announces nothing.
 */
@Injectable()
export class ImportAdministrativeUnits {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly units: UnitRepository,
    private readonly unitLinks: UnitLinkRepository,
    private readonly events: UnitEventPublisher,
  ) {}

  async execute(input: ImportInput): Promise<ImportSummary> {
    const started = performance.now();
    const plan = planImport(input.legacy, input.current, input.rearrangement);
    const countsByLevel: Record<string, number> = {};
    for (const unit of plan.units) {
      const key = `${unit.level}@${unit.validFrom}`;
      countsByLevel[key] = (countsByLevel[key] ?? 0) + 1;
    }
    const summary = await this.transactions.run(async () => {
      const units = await this.units.upsertUnits(plan.units);
      const links = await this.unitLinks.upsertLinks(plan.links);
      const result = {
        units: { total: plan.units.length, ...units, unchanged: plan.units.length - units.inserted - units.updated },
        links: { total: plan.links.length, derived: plan.derivedLinks, created: links.inserted, updated: links.updated },
      };
      // Replicas get every unit whose row (or outgoing links) this run actually wrote: one SELECT
      // of those rows, chunked into events; an import that changed nothing announces nothing.
      const changedUnits = await this.units.withSuccessors([...units.changed, ...links.changed]);
      const unitEvents = unitsUpsertedEvents(changedUnits);
      for (const event of unitEvents) await this.events.publish(event);
      const announced = { units: changedUnits.length, events: unitEvents.length };
      const changed = units.inserted + units.updated + links.inserted + links.updated;
      if (changed > 0) {
        const importId = randomUUID();
        await this.events.publish({
          definition: adminUnitImported,
          aggregateType: 'AdministrativeUnitImport',
          aggregateId: importId,
          unitCode: null,
          payload: {
            importId,
            dataset: input.dataset,
            asOf: todayInVietnam(),
            created: units.inserted,
            updated: units.updated,
            unchanged: result.units.unchanged,
            countsByLevel,
            links: { created: links.inserted, updated: links.updated, total: plan.links.length },
          },
        });
      }
      return { ...result, announced };
    });
    return {
      units: { total: summary.units.total, created: summary.units.inserted, updated: summary.units.updated, unchanged: summary.units.unchanged },
      links: summary.links,
      announced: summary.announced,
      countsByLevel,
      elapsedMs: Math.round(performance.now() - started),
    };
  }
}
