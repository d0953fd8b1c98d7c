import { isValidLocalDate, todayInVietnam } from '@xaso/calendar';
import { planImport } from './import-plan';
import { searchText } from './search-text';
import { UnitLevel, clampToValidity, isInForce, isUnitCode, parseUnitLevel } from './unit';
import { isVillageType, villageCode } from './village';

describe('units domain', () => {
  it('folds Vietnamese accents and đ for search', () => {
    expect(searchText('Phường Ba Đình')).toBe('phuong ba dinh');
    expect(searchText('  Thị  trấn ĐỒNG Văn ')).toBe('thi tran dong van');
    expect(searchText('ba dinh')).toBe('ba dinh');
  });

  it('checks calendar dates and computes today in Vietnam', () => {
    expect(isValidLocalDate('2024-05-01')).toBe(true);
    expect(isValidLocalDate('2024-02-30')).toBe(false);
    expect(isValidLocalDate('2024-5-1')).toBe(false);
    expect(todayInVietnam(new Date('2025-06-30T17:30:00Z'))).toBe('2025-07-01');
    expect(todayInVietnam(new Date('2025-06-30T16:59:59Z'))).toBe('2025-06-30');
  });

  it('decides validity inclusively and clamps dates into it', () => {
    const legacy = { validFrom: '1900-01-01', validTo: '2025-06-30' };
    const current = { validFrom: '2025-07-01', validTo: null };
    expect(isInForce(legacy, '2025-06-30')).toBe(true);
    expect(isInForce(legacy, '2025-07-01')).toBe(false);
    expect(isInForce(current, '2025-07-01')).toBe(true);
    expect(isInForce(current, '2025-06-30')).toBe(false);
    expect(clampToValidity(legacy, '2026-01-01')).toBe('2025-06-30');
    expect(clampToValidity(current, '2024-01-01')).toBe('2025-07-01');
    expect(clampToValidity(current, '2030-01-01')).toBe('2030-01-01');
  });

  it('validates codes, levels and village rules', () => {
    expect(isUnitCode('00004')).toBe(true);
    expect(isUnitCode('00004-001')).toBe(true);
    expect(isUnitCode('abc')).toBe(false);
    expect(isUnitCode('4')).toBe(false);
    expect(parseUnitLevel('commune')).toBe(UnitLevel.COMMUNE);
    expect(parseUnitLevel('ward')).toBeUndefined();
    expect(isVillageType('Thôn')).toBe(true);
    expect(isVillageType('Tổ dân phố')).toBe(true);
    expect(isVillageType('Xã')).toBe(false);
    expect(villageCode('00004', 7)).toBe('00004-007');
    expect(villageCode('00004', 1234)).toBe('00004-1234');
  });

  it('plans units, links and derived province links', () => {
    const plan = planImport(
      [
        { level: 'province', code: '01', name: 'Thành phố Hà Nội', type: 'Thành phố', parent_code: '' },
        { level: 'district', code: '001', name: 'Quận Ba Đình', type: 'Quận', parent_code: '01' },
        { level: 'commune', code: '00004', name: 'Phường Trúc Bạch', type: 'Phường', parent_code: '001' },
      ],
      [
        { level: 'province', code: '01', name: 'Thành phố Hà Nội', type: 'Thành phố', parent_code: '' },
        { level: 'commune', code: '00004', name: 'Phường Ba Đình', type: 'Phường', parent_code: '01' },
      ],
      [{ old_level: 'commune', old_code: '00004', old_province_code: '01', new_commune_code: '00004', new_province_code: '01', divided: 'false' }],
    );
    expect(plan.units).toHaveLength(5);
    expect(plan.units[2]).toMatchObject({ code: '00004', validTo: '2025-06-30', parentCode: '001', parentValidFrom: '1900-01-01' });
    expect(plan.units[4]).toMatchObject({ code: '00004', validFrom: '2025-07-01', validTo: null, parentCode: '01', parentValidFrom: '2025-07-01' });
    expect(plan.links).toHaveLength(2);
    expect(plan.derivedLinks).toBe(1);
    expect(plan.links[1]).toEqual({
      predecessorCode: '01', predecessorValidFrom: '1900-01-01', successorCode: '01', successorValidFrom: '2025-07-01', divided: false,
    });
  });
});
