import { createHash } from 'node:crypto';
import { isValidIdNumber } from '@xaso/text';
import { replaceRepresentative, type ReplacementFacts } from './representative';
import { assertRollImportable, freezeRoll, parseRoll, sortedRoll, validateRoll, type RollContext, type RollEntry, type RollRowInput } from './roll';
import { VotingDomainError } from './voting-domain-error';

const VILLAGES = new Set(['THON-1', 'THON-2']);
const HOUSEHOLDS: RollContext = { electorate: 'HOUSEHOLDS', communeVillages: VILLAGES, pollVillageCode: null };
const VOTERS: RollContext = { electorate: 'VOTERS', communeVillages: VILLAGES, pollVillageCode: null };
const row = (householdId: string | null, idNumber: string, name = 'Nguyễn Văn A', villageCode = 'THON-1'): RollRowInput => ({ householdId, idNumber, name, villageCode });

function caught(fn: () => unknown): VotingDomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof VotingDomainError) return e;
    throw e;
  }
  throw new Error('expected a VotingDomainError');
}

describe('ID numbers (CCCD)', () => {
  it.each(['001203004567', '096099999999', '079300000001', '001900000000'])('accepts %s', (id) => expect(isValidIdNumber(id)).toBe(true));
  it.each([
    ['11 digits', '00120300456'],
    ['13 digits', '0012030045678'],
    ['letters', '00120300456A'],
    ['province 000', '000203004567'],
    ['province 003 (unused)', '003203004567'],
    ['province 097', '097203004567'],
    ['spaces', ' 001203004567'],
    ['a number', 1203004567],
  ])('refuses %s', (_name, id) => expect(isValidIdNumber(id)).toBe(false));
});

describe('validateRoll', () => {
  it('accepts a clean household roll, normalizing names and codes', () => {
    const { entries, errors } = validateRoll([row(' H1 ', '001203004567', '  Nguyễn   Văn\tA '), row('H2', '001203004568', 'Trần Thị B', 'THON-2')], HOUSEHOLDS);
    expect(errors).toEqual([]);
    expect(entries).toEqual([
      { householdId: 'H1', idNumber: '001203004567', name: 'Nguyễn Văn A', villageCode: 'THON-1' },
      { householdId: 'H2', idNumber: '001203004568', name: 'Trần Thị B', villageCode: 'THON-2' },
    ]);
  });

  it('normalizes names to NFC (a decomposed "ễ" equals the composed one)', () => {
    const { entries } = validateRoll([row('H1', '001203004567', 'Nguye\u0302\u0303n')], HOUSEHOLDS);
    expect(entries[0].name).toBe('Nguyễn');
  });

  it('reports every error of every row with its row number, and returns no entries', () => {
    const { entries, errors } = validateRoll(
      [
        row('H1', '001203004567'),
        row(null, '12345', ''),
        row('H3', '001203004569', 'C', 'THON-9'),
        row('H1', '001203004567'),
        row('bad id!', '003203004570', 'D'),
      ],
      HOUSEHOLDS,
    );
    expect(entries).toEqual([]);
    expect(errors.map((e) => [e.row, e.field, e.code, e.firstRow])).toEqual([
      [2, 'householdId', 'MISSING_HOUSEHOLD_ID', undefined],
      [2, 'idNumber', 'INVALID_ID_NUMBER', undefined],
      [2, 'name', 'MISSING_NAME', undefined],
      [3, 'villageCode', 'UNKNOWN_VILLAGE', undefined],
      [4, 'householdId', 'DUPLICATE_HOUSEHOLD', 1],
      [4, 'idNumber', 'DUPLICATE_ID_NUMBER', 1],
      [5, 'householdId', 'INVALID_HOUSEHOLD_ID', undefined],
      [5, 'idNumber', 'INVALID_ID_NUMBER', undefined],
    ]);
    for (const e of errors) expect(e.messageEn && e.messageVi).toBeTruthy();
  });

  it('refuses the same person twice in a voters roll, allows several voters of one household', () => {
    const { errors } = validateRoll([row('H1', '001203004567'), row('H1', '001203004568'), row(null, '001203004567')], VOTERS);
    expect(errors.map((e) => [e.row, e.code, e.firstRow])).toEqual([[3, 'DUPLICATE_ID_NUMBER', 1]]);
  });

  it('refuses rows of another village when the poll is held in one village', () => {
    const { errors } = validateRoll([row('H1', '001203004567', 'A', 'THON-1'), row('H2', '001203004568', 'B', 'THON-2')], { ...HOUSEHOLDS, pollVillageCode: 'THON-1' });
    expect(errors.map((e) => [e.row, e.code])).toEqual([[2, 'OTHER_VILLAGE']]);
  });

  it('refuses an empty roll with ROLL_EMPTY', () => {
    expect(caught(() => validateRoll([], HOUSEHOLDS)).code).toBe('ROLL_EMPTY');
  });

  it('parseRoll is all or nothing: ROLL_INVALID carries every row error', () => {
    expect(parseRoll([row('H1', '001203004567')], HOUSEHOLDS)).toHaveLength(1);
    const e = caught(() => parseRoll([row('H1', '001203004567'), row('H1', 'x'), row('H3', 'y')], HOUSEHOLDS));
    expect([e.code, e.kind]).toEqual(['ROLL_INVALID', 'unprocessable']);
    expect((e.details?.errors as { row: number }[]).map((x) => x.row)).toEqual([2, 2, 3]);
  });

  it('imports only into a DRAFT poll', () => {
    expect(() => assertRollImportable({ status: 'DRAFT' })).not.toThrow();
    for (const status of ['OPEN', 'CLOSED', 'CERTIFIED', 'CANCELLED'] as const) expect(caught(() => assertRollImportable({ status })).code).toBe('ROLL_FROZEN');
  });
});

describe('freezeRoll', () => {
  const a: RollEntry = { householdId: 'H2', idNumber: '001203004567', name: 'A', villageCode: 'THON-1' };
  const b: RollEntry = { householdId: 'H1', idNumber: '001203004568', name: 'B', villageCode: 'THON-1' };

  it('hashes the RFC 8785 JSON of the roll sorted by household (hand-written canonical text)', () => {
    const canonical =
      '[{"householdId":"H1","idNumber":"001203004568","name":"B","villageCode":"THON-1"},' +
      '{"householdId":"H2","idNumber":"001203004567","name":"A","villageCode":"THON-1"}]';
    expect(freezeRoll([a, b], 'HOUSEHOLDS')).toEqual({ size: 2, hash: createHash('sha256').update(canonical, 'utf8').digest('hex') });
  });

  it('sorts a voters roll by ID number', () => {
    expect(sortedRoll([b, a], 'VOTERS').map((e) => e.idNumber)).toEqual(['001203004567', '001203004568']);
    expect(sortedRoll([a, b], 'HOUSEHOLDS').map((e) => e.householdId)).toEqual(['H1', 'H2']);
  });

  it('does not depend on the import order but on every field', () => {
    expect(freezeRoll([a, b], 'HOUSEHOLDS')).toEqual(freezeRoll([b, a], 'HOUSEHOLDS'));
    expect(freezeRoll([a, b], 'HOUSEHOLDS').hash).not.toBe(freezeRoll([a, { ...b, name: 'Bé' }], 'HOUSEHOLDS').hash);
    expect(freezeRoll([a, b], 'HOUSEHOLDS').hash).not.toBe(freezeRoll([a], 'HOUSEHOLDS').hash);
  });

  it('refuses to freeze an empty roll', () => {
    expect(caught(() => freezeRoll([], 'VOTERS')).code).toBe('ROLL_EMPTY');
  });
});

describe('replaceRepresentative', () => {
  const entry: RollEntry = { householdId: 'H1', idNumber: '001203004567', name: 'Nguyễn Văn A', villageCode: 'THON-1' };
  const facts: ReplacementFacts = { electorate: 'HOUSEHOLDS', pollStatus: 'OPEN', householdParticipated: false, idNumberOnRoll: false };
  const replacement = { idNumber: '001303004999', name: ' Nguyễn Thị C ', reason: ' Chủ hộ đi làm ăn xa ' };

  it('replaces the representative before the household took part and logs who replaced whom', () => {
    expect(replaceRepresentative(entry, replacement, facts)).toEqual({
      entry: { householdId: 'H1', idNumber: '001303004999', name: 'Nguyễn Thị C', villageCode: 'THON-1' },
      change: { householdId: 'H1', previousIdNumber: '001203004567', previousName: 'Nguyễn Văn A', idNumber: '001303004999', name: 'Nguyễn Thị C', reason: 'Chủ hộ đi làm ăn xa' },
    });
    expect(replaceRepresentative(entry, replacement, { ...facts, pollStatus: 'DRAFT' }).entry.idNumber).toBe('001303004999');
  });

  it.each([
    ['after the household took part', { householdParticipated: true }, 'REPRESENTATIVE_ALREADY_PARTICIPATED'],
    ['once the poll is closed', { pollStatus: 'CLOSED' }, 'ROLL_FROZEN'],
    ['once the poll is cancelled', { pollStatus: 'CANCELLED' }, 'ROLL_FROZEN'],
    ['on a voters roll', { electorate: 'VOTERS' }, 'INVALID_POLL'],
    ['by someone already on the roll', { idNumberOnRoll: true }, 'ROLL_INVALID'],
  ] as const)('refuses %s', (_name, over, code) => {
    expect(caught(() => replaceRepresentative(entry, replacement, { ...facts, ...over } as ReplacementFacts)).code).toBe(code);
  });

  it('refuses a malformed ID number, an empty name, no reason, or the same person', () => {
    const reason = 'r';
    expect(caught(() => replaceRepresentative(entry, { idNumber: '12', name: 'C', reason }, facts)).details).toEqual({ field: 'idNumber' });
    expect(caught(() => replaceRepresentative(entry, { idNumber: '001303004999', name: '  ', reason }, facts)).details).toEqual({ field: 'name' });
    expect(caught(() => replaceRepresentative(entry, { idNumber: '001303004999', name: 'C', reason: '  ' }, facts)).code).toBe('REASON_REQUIRED');
    expect(caught(() => replaceRepresentative(entry, { idNumber: entry.idNumber, name: 'A', reason }, facts)).code).toBe('ROLL_INVALID');
  });
});
