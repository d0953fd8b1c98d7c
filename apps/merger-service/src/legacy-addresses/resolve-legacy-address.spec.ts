/**
 * Legacy addresses as people write them, against the real registry (data/admin-units): accents,
 * type prefixes (full, abbreviated, missing), numbered districts, Unicode forms, divided communes,
 * ambiguity answered with every candidate.
 */
import { planImport } from '../units/domain/import-plan';
import { readAdminUnitFiles } from '../units/infrastructure/csv-source';
import { AddressIndex } from './domain/address-index';
import { readName } from './domain/name-forms';
import { type LegacyAddressInput, resolveLegacyAddress } from './domain/resolve-legacy-address';

const files = readAdminUnitFiles();
const registry = planImport(files.legacy, files.current, files.rearrangement);
const index = new AddressIndex(registry.units, registry.links);
const TODAY = '2026-12-01';
const resolve = (ward: string, district?: string, province?: string, asOf?: string) =>
  resolveLegacyAddress(index, { ward, district, province, asOf } as LegacyAddressInput, TODAY);
const codes = (r: ReturnType<typeof resolve>) => r.candidates.map((c) => c.commune.code);

describe('reading names', () => {
  it('takes off full and abbreviated type prefixes, glued numbers included, but not a look-alike word with other accents', () => {
    const cores = (text: string, level: 'DISTRICT' | 'COMMUNE') => readName(text, level).map((r) => [r.core, r.types?.[0] ?? null]);
    expect(cores('Quận 1', 'DISTRICT')).toEqual([['quan 1', null], ['1', 'Quận']]);
    expect(cores('Q1', 'DISTRICT')).toEqual([['q 1', null], ['1', 'Quận']]);
    expect(cores('Q.01', 'DISTRICT')).toEqual([['q 1', null], ['1', 'Quận']]);
    expect(cores('TX. Sơn Tây', 'DISTRICT')).toEqual([['tx son tay', null], ['son tay', 'Thị xã']]);
    expect(cores('Thị Xã Sơn Tây', 'DISTRICT')).toEqual([['thi xa son tay', null], ['son tay', 'Thị xã']]);
    expect(cores('Xà Bang', 'COMMUNE')).toEqual([['xa bang', null]]);
    expect(cores('Xa Bang', 'COMMUNE')).toEqual([['xa bang', null], ['bang', 'Xã']]);
  });
});

describe('resolveLegacyAddress with the real units', () => {
  it('matches the full names exactly, and the same address written without accents, abbreviated or decomposed', () => {
    const exact = resolve('Phường Bến Nghé', 'Quận 1', 'Thành phố Hồ Chí Minh');
    expect(exact.status).toBe('RESOLVED');
    expect(exact.candidates[0]).toMatchObject({
      commune: { code: '26740', name: 'Phường Bến Nghé', validTo: '2025-06-30' },
      district: { code: '760', name: 'Quận 1' },
      province: { code: '79' },
      match: 'EXACT',
      divided: false,
    });
    expect(exact.candidates[0].current.map((u) => [u.code, u.validFrom])).toEqual([['26740', '2025-07-01']]);

    expect(resolve('phuong ben nghe', 'quan 1', 'thanh pho ho chi minh').candidates[0]).toMatchObject({ commune: { code: '26740' }, match: 'FOLDED' });
    const short = resolve('P. Ben Nghe', 'Q1', 'TP HCM');
    expect(codes(short)).toEqual(['26740']);
    expect(short.candidates[0].matchByLevel).toEqual({ commune: 'ABBREVIATED', district: 'ABBREVIATED', province: 'ALIAS' });
    expect(codes(resolve('p.bến nghé', 'Q.1', 'Hồ Chí Minh'))).toEqual(['26740']);
    expect(codes(resolve('  PHƯỜNG   BẾN NGHÉ ', 'quận 01', 'tp.hcm'))).toEqual(['26740']);
    const nfd = resolve('Phường Bến Nghé'.normalize('NFD'), 'Quận 1'.normalize('NFD'), 'Thành phố Hồ Chí Minh'.normalize('NFD'));
    expect(nfd.candidates[0]).toMatchObject({ commune: { code: '26740' }, match: 'EXACT' });
  });

  it('accepts missing type prefixes and missing levels, saying so', () => {
    const noPrefix = resolve('Tân Định', 'Quận 1');
    expect(codes(noPrefix)).toEqual(['26734']);
    expect(noPrefix.candidates[0].matchByLevel).toEqual({ commune: 'PREFIX_STRIPPED', district: 'EXACT', province: 'NOT_GIVEN' });
    expect(codes(resolve('Ngô Quyền', 'Thị Xã Sơn Tây', 'Hà Nội'))).toEqual(['09574']);
    expect(codes(resolve('Ngo Quyen', 'TX Son Tay', 'HN'))).toEqual(['09574']);
    expect(codes(resolve('Xà Bang', 'Châu Đức'))).toEqual(['26596']);
  });

  it('answers every candidate when the address is ambiguous, never a guess', () => {
    const tanDinh = resolve('Tân Định');
    expect(tanDinh.status).toBe('AMBIGUOUS');
    expect(codes(tanDinh)).toEqual(['25852', '25894', '26734']);
    // A written type narrows: Phường Tân Định is in Quận 1 and in Bến Cát.
    expect(codes(resolve('Phường Tân Định'))).toEqual(['25852', '26734']);
    const ward1 = resolve('Phường 1', undefined, 'TP HCM');
    expect(ward1.status).toBe('AMBIGUOUS');
    expect(ward1.candidates.length).toBeGreaterThan(5);
    expect(ward1.candidates.every((c) => c.province?.code === '79')).toBe(true);
  });

  it('answers every current unit of a divided commune, flagged divided', () => {
    const congVi = resolve('Cống Vị', 'Ba Đình', 'Hà Nội');
    expect(congVi.status).toBe('RESOLVED');
    expect(congVi.candidates[0].divided).toBe(true);
    expect(congVi.candidates[0].current.map((u) => u.code)).toEqual(['00008', '00025']);
    const dongAnh = resolve('TT. Đông Anh', 'H. Đông Anh', 'Hà Nội');
    expect(dongAnh.candidates[0]).toMatchObject({ commune: { code: '00454' }, divided: true });
    expect(dongAnh.candidates[0].current.map((u) => u.code)).toEqual(['00454', '00466', '00475']);
    // Bà Rịa - Vũng Tàu's Xà Bang is in Hồ Chí Minh City since 2025-07-01.
    expect(resolve('Xã Xà Bang', 'Huyện Châu Đức', 'Tỉnh Bà Rịa - Vũng Tàu').candidates[0].current.map((u) => [u.code, u.parentCode])).toEqual([['26596', '79']]);
  });

  it('says what was not found, and reads an address on another day', () => {
    expect(resolve('Phường Không Có')).toMatchObject({ status: 'NOT_FOUND', reason: 'WARD_NOT_FOUND' });
    expect(resolve('Bến Nghé', 'Quận 99')).toMatchObject({ status: 'NOT_FOUND', reason: 'DISTRICT_NOT_FOUND' });
    expect(resolve('Bến Nghé', undefined, 'Tỉnh Không Có')).toMatchObject({ status: 'NOT_FOUND', reason: 'PROVINCE_NOT_FOUND' });
    expect(resolve('  ')).toMatchObject({ status: 'NOT_FOUND', reason: 'WARD_MISSING' });
    // After 2025-07-01 there are no districts: Phường Ba Đình of Hà Nội.
    const now = resolve('Phường Ba Đình', undefined, 'Hà Nội', '2025-08-01');
    expect(now.candidates.map((c) => [c.commune.code, c.commune.validFrom, c.district])).toEqual([['00004', '2025-07-01', null]]);
  });
});
