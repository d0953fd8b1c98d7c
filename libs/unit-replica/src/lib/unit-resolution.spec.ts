import { resolveUnitOnDate, routingNote, type UnitVersionRef } from './unit-resolution';

const v = (code: string, name: string, validFrom: string, validTo: string | null = null): UnitVersionRef => ({ code, name, validFrom, validTo });
const phucXa = v('00001', 'Phường Phúc Xá', '1900-01-01', '2025-06-30');
const hongHa = v('00097', 'Phường Hồng Hà', '2025-07-01');
const DAY = '2026-03-02';

describe('resolveUnitOnDate (the rule for a unit code a record names)', () => {
  it('takes the version in force on the date, whatever else is known', () => {
    const baDinh = v('00004', 'Phường Ba Đình', '2025-07-01');
    expect(resolveUnitOnDate('00004', DAY, { inForce: baDinh, ended: null, successors: [] })).toEqual({ outcome: 'IN_FORCE', unit: baDinh });
  });

  it('routes an ended unit with exactly one successor to it, keeping where it came from', () => {
    expect(resolveUnitOnDate('00001', DAY, { inForce: null, ended: phucXa, successors: [hongHa] })).toEqual({ outcome: 'ROUTED', unit: hongHa, routedFrom: phucXa });
  });

  it('counts a successor reached twice once (a chain of rearrangements)', () => {
    expect(resolveUnitOnDate('00001', DAY, { inForce: null, ended: phucXa, successors: [hongHa, { ...hongHa }] })).toMatchObject({ outcome: 'ROUTED', unit: hongHa });
  });

  it('refuses an ended unit divided among several successors, listing them in code order', () => {
    const a = v('00025', 'Phường Giảng Võ', '2025-07-01');
    const b = v('00008', 'Phường Ngọc Hà', '2025-07-01');
    const ended = v('00007', 'Phường Cống Vị', '1900-01-01', '2025-06-30');
    expect(resolveUnitOnDate('00007', DAY, { inForce: null, ended, successors: [a, b] })).toEqual({
      outcome: 'ABOLISHED', code: '00007', date: DAY, abolished: ended, successors: [b, a],
    });
  });

  it('refuses an ended unit without a successor in force as abolished (not unknown)', () => {
    expect(resolveUnitOnDate('00001', DAY, { inForce: null, ended: phucXa, successors: [] })).toMatchObject({ outcome: 'ABOLISHED', successors: [] });
  });

  it('refuses a code with no version on or before the date as unknown', () => {
    expect(resolveUnitOnDate('ZZZ', DAY, { inForce: null, ended: null, successors: [] })).toEqual({ outcome: 'UNKNOWN', code: 'ZZZ', date: DAY });
  });

  it('writes a bilingual note only for a routed unit', () => {
    const note = routingNote({ outcome: 'ROUTED', unit: hongHa, routedFrom: phucXa }, 'unitCode');
    expect(note).toContain('unitCode 00001 (Phường Phúc Xá until 2025-06-30) routed to its successor 00097 (Phường Hồng Hà)');
    expect(note).toContain('chuyển đơn vị kế thừa 00097');
    expect(routingNote({ outcome: 'IN_FORCE', unit: hongHa }, 'unitCode')).toBeUndefined();
  });
});
