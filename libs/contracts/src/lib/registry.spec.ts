import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import {
  adminUnitCreated,
  deadLetterTopic,
  defineEvent,
  eventRegistry,
  EventRegistry,
  EventValidationError,
  topicFor,
  type EventEnvelope,
} from '../index';

const testThing = defineEvent({
  type: 'test.thing-happened',
  version: 1,
  source: 'tests',
  schema: z.object({ n: z.number().int() }),
});
const testThingV2 = defineEvent({
  type: 'test.thing-happened',
  version: 2,
  source: 'tests',
  schema: z.object({ n: z.number().int(), label: z.string() }),
});

function envelope(overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  return {
    id: uuidv7(),
    type: 'test.thing-happened',
    version: 1,
    occurredAt: new Date().toISOString(),
    source: 'tests',
    aggregateType: 'Thing',
    aggregateId: 't-1',
    unitCode: null,
    correlationId: uuidv7(),
    causationId: null,
    payload: { n: 1 },
    ...overrides,
  };
}

describe('topics', () => {
  it('names service topics and dead-letter topics', () => {
    expect(topicFor('dossier')).toBe('xaso.dossier.events.v1');
    expect(deadLetterTopic('xaso.dossier.events.v1', 'evaluation-service')).toBe(
      'xaso.dossier.events.v1.evaluation-service.dlt',
    );
    expect(() => topicFor('Bad Name')).toThrow();
  });
});

describe('EventRegistry', () => {
  const registry = new EventRegistry([testThing, testThingV2]);

  it('accepts a valid envelope and returns its definition', () => {
    const result = registry.validate(envelope());
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.definition).toBe(testThing);
  });

  it('knows versions and picks the latest', () => {
    expect(registry.latest('test.thing-happened')?.version).toBe(2);
    expect(registry.has('test.thing-happened', 3)).toBe(false);
  });

  it.each([
    ['missing id', { id: undefined }],
    ['non-uuid id', { id: 'abc' }],
    ['bad type', { type: 'NoDots' }],
    ['float version', { version: 1.5 }],
    ['bad timestamp', { occurredAt: 'yesterday' }],
    ['empty aggregate id', { aggregateId: '' }],
    ['missing payload', { payload: undefined }],
  ])('rejects a malformed envelope: %s', (_name, overrides) => {
    const result = registry.validate(envelope(overrides as Partial<EventEnvelope>));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toBeInstanceOf(EventValidationError);
      expect(result.error.code).toBe('MALFORMED_ENVELOPE');
    }
  });

  it('rejects non-objects as malformed', () => {
    for (const value of [null, 42, 'x', []]) {
      const result = registry.validate(value);
      expect(result.ok || result.error.code).toBe('MALFORMED_ENVELOPE');
    }
  });

  it('rejects an unknown type or version', () => {
    const unknownType = registry.validate(envelope({ type: 'test.never-defined' }));
    const unknownVersion = registry.validate(envelope({ version: 7 }));
    expect(!unknownType.ok && unknownType.error.code).toBe('UNKNOWN_EVENT');
    expect(!unknownVersion.ok && unknownVersion.error.code).toBe('UNKNOWN_EVENT');
  });

  it('rejects an event from the wrong source', () => {
    const result = registry.validate(envelope({ source: 'dossier' }));
    expect(!result.ok && result.error.code).toBe('SOURCE_MISMATCH');
  });

  it('rejects a payload that does not match its version', () => {
    const result = registry.validate(envelope({ version: 2, payload: { n: 1 } }));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('PAYLOAD_MISMATCH');
      expect(result.error.issues.join()).toMatch(/payload\.label/);
    }
    expect(() => registry.assertValid(envelope({ payload: { n: 'one' } }))).toThrow(EventValidationError);
  });

  it('refuses duplicate definitions and can be extended', () => {
    expect(() => new EventRegistry([testThing, testThing])).toThrow(/defined twice/);
    const extended = eventRegistry.with([testThing]);
    expect(extended.has('test.thing-happened')).toBe(true);
    expect(eventRegistry.has('test.thing-happened')).toBe(false);
  });

  it('seeds the platform registry with the merger events and no test events', () => {
    const types = eventRegistry.definitions().map((d) => `${d.source}:${d.type}@${d.version}`);
    expect(types).toEqual(
      expect.arrayContaining(['merger:admin-unit.created@1', 'merger:admin-units.upserted@1', 'merger:admin-unit.imported@1', 'merger:village.created@1']),
    );
    expect(types.some((t) => t.includes(':test.'))).toBe(false);
    const ok = eventRegistry.validate(
      envelope({
        type: adminUnitCreated.type,
        source: 'merger',
        aggregateType: 'AdministrativeUnit',
        aggregateId: '00004@2025-07-01',
        payload: {
          code: '00004',
          name: 'Phường Ba Đình',
          level: 'ward',
          validFrom: '2025-07-01',
          validTo: null,
          parent: { code: '01', validFrom: '2025-07-01' },
        },
      }),
    );
    expect(ok.ok).toBe(true);
  });
});
