import { PROCEDURE_FIELDS, PROCEDURE_SEED, findSeedProcedure } from './procedure-seed';
import { Procedure, processingDaysFor, validateProcedure } from './procedure';

describe('procedure catalogue', () => {
  it('every seed entry is valid and codes are unique', () => {
    for (const p of PROCEDURE_SEED) expect({ code: p.code, problems: validateProcedure(p) }).toEqual({ code: p.code, problems: [] });
    expect(new Set(PROCEDURE_SEED.map((p) => p.code)).size).toBe(PROCEDURE_SEED.length);
    expect(PROCEDURE_SEED.length).toBeGreaterThanOrEqual(15);
  });

  it('legal processing times', () => {
    const days = (code: string) => findSeedProcedure(code)!.processingDays;
    expect(findSeedProcedure('HT.001')!.name).toBe('Đăng ký khai sinh');
    expect(days('HT.001')).toBe(0); // same day
    expect(days('HT.002')).toBe(0);
    expect(days('HT.003')).toBe(0);
    expect(findSeedProcedure('HT.003')!.maxProcessingDays).toBe(5);
    expect(days('HT.006')).toBe(3); // marital status certificate
    expect(days('CT.001')).toBe(0); // certified copies
    expect(days('CT.002')).toBe(0);
    expect(days('CT.003')).toBe(2);
  });

  it('fields and levels', () => {
    expect(PROCEDURE_FIELDS).toEqual(expect.arrayContaining(['Hộ tịch', 'Chứng thực', 'Đăng ký, quản lý cư trú', 'Lý lịch tư pháp']));
    expect(PROCEDURE_SEED.filter((p) => p.competentLevel === 'PROVINCE').map((p) => p.code)).toEqual(['LLTP.001']);
    expect(PROCEDURE_SEED.filter((p) => !p.active).map((p) => p.field)).toEqual(['Đăng ký, quản lý cư trú', 'Đăng ký, quản lý cư trú']);
    expect(PROCEDURE_SEED.every((p) => Number.isSafeInteger(p.fee) && p.fee >= 0)).toBe(true);
  });

  it('processingDaysFor uses the extended time only when verification is needed', () => {
    const marriage = findSeedProcedure('HT.003')!;
    expect(processingDaysFor(marriage)).toBe(0);
    expect(processingDaysFor(marriage, true)).toBe(5);
    expect(processingDaysFor(findSeedProcedure('HT.006')!, true)).toBe(3);
  });

  it('validation finds problems', () => {
    const bad: Procedure = {
      code: 'x1',
      name: ' ',
      field: '',
      competentLevel: 'DISTRICT' as never,
      processingDays: -1,
      maxProcessingDays: 0.5,
      fee: 1.5,
      feeNote: null,
      requiredDocuments: [],
      onlineLevel: 'NONE' as never,
      active: true,
      legalBasis: '',
    };
    expect(validateProcedure(bad).map((p) => p.field).sort()).toEqual(
      ['code', 'competentLevel', 'fee', 'field', 'maxProcessingDays', 'name', 'onlineLevel', 'processingDays', 'requiredDocuments'].sort(),
    );
  });
});
