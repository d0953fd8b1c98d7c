/**
 * Values for the schema-driven fuzz suite: valid ones by argument name (so the other arguments
 * of a call pass and the hostile one is what gets tested) and hostile ones by type.
 */

/** Deterministic PRNG (mulberry32): the same seed gives the same cases. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Real keys created before the run (a dossier, a petition and its tracking secret). */
export interface FuzzFixtures {
  dossierCode: string;
  petitionCode: string;
  trackingSecret: string;
}

/** A valid-looking value for an argument, by its name and (for `code`) the operation it belongs to. */
export function validByName(name: string, operation: string, fixtures: FuzzFixtures): unknown {
  const op = operation.toLowerCase();
  switch (name) {
    case 'code':
    case 'id':
      if (op.includes('dossier')) return fixtures.dossierCode;
      if (op.includes('petition')) return fixtures.petitionCode;
      if (op.includes('procedure')) return 'HT.010';
      return '00004';
    case 'unitCode':
    case 'receivingUnitCode':
    case 'competentUnitCode':
    case 'communeCode':
    case 'parentCode':
      return '00004';
    case 'toUnitCode':
      return op.includes('appeal') ? '01' : '00025';
    case 'procedureCode':
      return 'HT.010';
    case 'from':
    case 'asOf':
      return '2025-07-01';
    case 'to':
      return '2026-12-31';
    case 'actDate':
    case 'date':
    case 'openedOn':
      return '2026-03-02';
    case 'closedOn':
      return '2026-03-03';
    case 'month':
      return '2026-03';
    case 'year':
      return 2026;
    case 'newDueAt':
      return '2027-01-05T10:00:00Z';
    case 'idNumber':
      return '001090001234';
    case 'idNumberLast4':
      return '1234';
    case 'phone':
      return '0912345678';
    case 'email':
      return 'an@example.vn';
    case 'sha256':
      return 'a'.repeat(64);
    case 'mediaType':
    case 'mimeType':
      return 'application/pdf';
    case 'trackingSecret':
    case 'secret':
      return fixtures.trackingSecret;
    case 'handlerId':
    case 'chairpersonId':
      return 'fuzz-officer';
    case 'score':
      return 5;
    case 'first':
    case 'limit':
      return 5;
    case 'offset':
      return 0;
    case 'days':
      return 5;
    case 'size':
    case 'citizensReceived':
    case 'petitionerCount':
      return 1;
    case 'lat':
      return 21.03;
    case 'lon':
      return 105.85;
    case 'contentBase64':
      return 'aGVsbG8=';
    default:
      return undefined;
  }
}

/** A valid value of a scalar type when the name says nothing. */
export function validScalar(type: string): unknown {
  switch (type) {
    case 'Int':
      return 1;
    case 'Float':
      return 1.5;
    case 'Boolean':
      return false;
    case 'Date':
      return '2026-03-02';
    case 'DateTime':
      return '2026-03-20T10:00:00Z';
    case 'UnitCode':
      return '00004';
    case 'Base64':
      return 'aGVsbG8=';
    case 'JSON':
      return { purpose: 'Kiểm thử' };
    case 'ID':
      return 'fuzz-1';
    default:
      return 'Nội dung kiểm thử';
  }
}

export interface Hostile {
  /** Short label for reports, e.g. `NUL` or `impossible-date`. */
  label: string;
  value: unknown;
}

const NUL: Hostile = { label: 'NUL', value: 'a\u0000b' };
const CONTROL: Hostile = { label: 'control-char', value: 'a\u0007\u001bb' };
const LONG: Hostile = { label: '30k-chars', value: 'x'.repeat(30_000) };
const HUGE: Hostile = { label: '100k-chars', value: 'y'.repeat(100_000) };
const STRINGS = [NUL, CONTROL, LONG, HUGE];

/** Hostile values for a leaf of the given type (scalar name, or `enum`). */
export function hostileFor(type: string): Hostile[] {
  switch (type) {
    case 'Int':
      return [
        { label: 'negative', value: -1 },
        { label: 'int-min', value: -2147483648 },
        { label: 'int-max', value: 2147483647 },
        { label: 'beyond-int', value: 2 ** 40 },
        { label: 'non-integer', value: 1.5 },
        { label: 'string-number', value: '5' },
      ];
    case 'Float':
      return [
        { label: 'negative', value: -1 },
        { label: 'huge', value: 1e300 },
        { label: 'tiny', value: -1e300 },
      ];
    case 'Boolean':
      return [{ label: 'string-bool', value: 'true' }];
    case 'Date':
      return [
        { label: 'impossible-date', value: '2024-02-30' },
        { label: 'month-13', value: '2025-13-01' },
        { label: 'year-0', value: '0000-00-00' },
        { label: 'far-future', value: '275760-09-14' },
        NUL,
      ];
    case 'DateTime':
      return [
        { label: 'impossible-date', value: '2024-02-30T10:00:00Z' },
        { label: 'hour-25', value: '2026-03-20T25:00:00Z' },
        { label: 'no-zone', value: '2026-03-20T10:00:00' },
        { label: 'garbage', value: 'not a date' },
        { label: 'far-future', value: '+275760-09-13T00:00:00Z' },
      ];
    case 'UnitCode':
      return [{ label: 'four-digits', value: '1234' }, { label: 'letters', value: 'ABCDE' }, NUL, LONG];
    case 'Base64':
      return [{ label: 'not-base64', value: '!!!!' }, NUL];
    case 'JSON':
      return [
        { label: 'NUL-in-json', value: { purpose: 'a\u0000b' } },
        { label: 'NUL-key', value: { 'a\u0000': 1 } },
        { label: 'long-in-json', value: { purpose: 'z'.repeat(30_000) } },
        { label: 'NUL-deep-in-json', value: Array.from({ length: 40 }).reduce<unknown>((inner) => ({ inner }), 'a\u0000b') },
      ];
    case 'enum':
      return [{ label: 'unknown-enum', value: 'NOT_A_VALUE' }, { label: 'lower-case', value: 'online' }];
    default:
      return STRINGS;
  }
}

/** Hostile values for a REST parameter or body property described by a JSON schema. */
export function hostileForSchema(schema: { type?: string; format?: string; enum?: unknown[] }, name: string): Hostile[] {
  if (schema.enum) return hostileFor('enum');
  if (schema.type === 'integer') return [...hostileFor('Int'), { label: 'huge', value: 1e300 }];
  if (schema.type === 'number') return hostileFor('Float');
  if (schema.type === 'boolean') return hostileFor('Boolean');
  if (schema.format === 'date' || ['from', 'to', 'asOf', 'actDate', 'date'].includes(name)) return hostileFor('Date');
  if (schema.format === 'date-time') return hostileFor('DateTime');
  if (schema.type === 'object') return hostileFor('JSON');
  return STRINGS;
}
