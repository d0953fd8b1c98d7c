import { ADMIN_UNITS_CHUNK_SIZE, eventRegistry, type ReplicatedUnit } from '@xaso/contracts';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** `data/admin-units` of this repository (ADMIN_UNITS_DIR overrides, as for the importer). */
export function adminUnitsDir(): string {
  if (process.env.ADMIN_UNITS_DIR) return process.env.ADMIN_UNITS_DIR;
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('no nx.json above ' + __dirname);
    dir = up;
  }
  return join(dir, 'data', 'admin-units');
}

function csv(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(join(adminUnitsDir(), name), 'utf8').split(/\r?\n/).filter(Boolean);
  const cols = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [cols[i], v.trim()])));
}

let cached: ReplicatedUnit[] | undefined;

/**
 * The real registry as merger-service announces it in `admin-units.upserted`: the legacy units
 * valid 1900-01-01 … 2025-06-30 with their successor links, the 2025 units since 2025-07-01
 * (14,149 versions). For filling a service's unit replica in tests.
 */
export function realAdminUnits(): ReplicatedUnit[] {
  if (cached) return cached;
  const successors = new Map<string, { code: string; validFrom: string; divided: boolean }[]>();
  const add = (from: string, to: string, divided: boolean) => {
    const list = successors.get(from) ?? [];
    if (!list.some((s) => s.code === to)) list.push({ code: to, validFrom: '2025-07-01', divided });
    successors.set(from, list);
  };
  for (const r of csv('rearrangement-2025.csv')) {
    add(r.old_code, r.new_commune_code, r.divided === 'true');
    add(r.old_province_code, r.new_province_code, false);
  }
  const level = (l: string) => l.toUpperCase() as ReplicatedUnit['level'];
  const legacy = csv('legacy-units.csv').map((r) => ({
    code: r.code, validFrom: '1900-01-01', validTo: '2025-06-30', name: r.name, level: level(r.level), type: r.type,
    parent: r.parent_code ? { code: r.parent_code, validFrom: '1900-01-01' } : null,
    successors: successors.get(r.code) ?? [],
  }));
  const current = csv('units-2025.csv').map((r) => ({
    code: r.code, validFrom: '2025-07-01', validTo: null, name: r.name, level: level(r.level), type: r.type,
    parent: r.parent_code ? { code: r.parent_code, validFrom: '2025-07-01' } : null,
    successors: [],
  }));
  cached = [...legacy, ...current];
  return cached;
}

/** A message as an event transport sends it (`EventTransport.send(topic, messages)`). */
export interface TransportMessage {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/**
 * `admin-units.upserted` envelopes (chunks of at most 1,000 units, validated against the
 * contract) as merger-service puts them on `topicFor('merger')`: send them on a test's own
 * transport to fill a service's replica through its real event handlers.
 */
export function adminUnitsUpsertedMessages(units: ReplicatedUnit[] = realAdminUnits()): TransportMessage[] {
  const messages: TransportMessage[] = [];
  const correlationId = randomUUID();
  for (let i = 0; i < units.length; i += ADMIN_UNITS_CHUNK_SIZE) {
    const envelope = eventRegistry.assertValid({
      id: randomUUID(), type: 'admin-units.upserted', version: 1, occurredAt: new Date().toISOString(), source: 'merger',
      aggregateType: 'AdministrativeUnitRegistry', aggregateId: 'administrative-unit-registry', unitCode: null,
      correlationId, causationId: null, payload: { units: units.slice(i, i + ADMIN_UNITS_CHUNK_SIZE) },
    });
    messages.push({ key: envelope.aggregateId, value: JSON.stringify(envelope), headers: { type: envelope.type, version: '1' } });
  }
  return messages;
}
