import { DossierStatus } from '../../dossiers/domain/dossier-status';
import { assertLegacyBatchSize, checkLegacyRows, type LegacyDossierRowInput, type LegacyRowContext, MAX_LEGACY_ROWS } from './legacy-dossier-row';
import { mapLegacyStatus } from './legacy-status';

const context: LegacyRowContext = {
  agencyVersions: new Map([
    ['00001', [{ validFrom: '2008-08-01', validTo: '2025-06-30', level: 'COMMUNE' }]],
    ['001', [{ validFrom: '2008-08-01', validTo: '2025-06-30', level: 'DISTRICT' }]],
    ['01', [{ validFrom: '2008-08-01', validTo: null, level: 'PROVINCE' }]],
    ['00004', [{ validFrom: '2008-08-01', validTo: '2025-06-30', level: 'COMMUNE' }, { validFrom: '2025-07-01', validTo: null, level: 'COMMUNE' }]],
  ]),
  procedureCodes: new Set(['HT.010']),
  today: '2026-03-02',
};

const row = (over: Partial<LegacyDossierRowInput> = {}): LegacyDossierRowInput => ({
  agencyCode: '00001', originalCode: 'H29.1-250601-0007', procedureCode: 'HT.010', receivedDate: '2025-06-01', dueDate: '2025-06-10',
  status: 'Đang xử lý', applicant: { fullName: 'Nguyễn Văn A', idNumber: '001090001234', phone: '091 234 5678' }, address: '12 Phúc Xá', ...over,
});

const codes = (rows: LegacyDossierRowInput[]) => checkLegacyRows(rows, context).errors.map((e) => [e.row, e.field, e.code]);

describe('legacy statuses → ours', () => {
  it.each([
    ['Mới tiếp nhận', DossierStatus.RECEIVED],
    ['moi tiep nhan', DossierStatus.RECEIVED],
    ['MOI_TIEP_NHAN', DossierStatus.RECEIVED],
    ['Đang xử lý', DossierStatus.IN_PROCESSING],
    ['Chờ bổ sung', DossierStatus.IN_PROCESSING],
    ['Đã có kết quả', DossierStatus.PROCESSED],
    ['Đã trả kết quả', DossierStatus.RETURNED],
    ['Từ chối giải quyết', DossierStatus.REFUSED],
    ['Dừng xử lý', DossierStatus.STOPPED],
    ['Rút hồ sơ', DossierStatus.WITHDRAWN],
    ['RETURNED', DossierStatus.RETURNED],
  ])('%s → %s', (raw, status) => expect(mapLegacyStatus(raw)).toBe(status));

  it('knows no other status (and our paused status is not taken as is: no pause start is known)', () => {
    expect(mapLegacyStatus('Đang chờ')).toBeNull();
    expect(mapLegacyStatus('')).toBeNull();
    expect(mapLegacyStatus('SUPPLEMENT_REQUESTED')).toBe(DossierStatus.IN_PROCESSING);
  });
});

describe('legacy dossier rows', () => {
  it('a right row becomes a draft under the legacy unit, received at local midnight, due at 17:00 local', () => {
    const { drafts, errors } = checkLegacyRows([row()], context);
    expect(errors).toEqual([]);
    expect(drafts[0]).toMatchObject({
      row: 1, agencyCode: '00001', status: DossierStatus.IN_PROCESSING, legacyStatus: 'Đang xử lý', receivedDate: '2025-06-01',
      receivedAt: new Date('2025-05-31T17:00:00Z'), dueAt: new Date('2025-06-10T10:00:00Z'), closedAt: null,
      applicant: { fullName: 'Nguyễn Văn A', idNumber: '001090001234', phone: '0912345678' },
    });
  });

  it('a district of the old tier is an agency too; an instant with its offset is taken as it is', () => {
    const { drafts, errors } = checkLegacyRows([row({ agencyCode: '001', receivedDate: '2025-06-01T09:30:00+07:00' })], context);
    expect(errors).toEqual([]);
    expect(drafts[0].receivedAt).toEqual(new Date('2025-06-01T02:30:00Z'));
  });

  it('reports every wrong field of every row, numbered from 1', () => {
    const rows = [
      row(),
      row({ agencyCode: '99999', originalCode: 'bad code!', procedureCode: 'NOPE', status: 'Đang chờ' }),
      row({ agencyCode: '01', receivedDate: '2025-02-30', dueDate: 'tomorrow' }),
      row({ receivedDate: '2025-07-01', dueDate: '2025-07-10', applicant: { fullName: '', idNumber: '123', phone: '12' } }),
      row({ originalCode: 'X-2', dueDate: '2025-05-01' }),
      row({ agencyCode: '00004', originalCode: 'X-3', receivedDate: '2025-06-30', dueDate: '2025-07-10', closedDate: '2025-06-30' }),
    ];
    expect(codes(rows)).toEqual([
      [2, 'agencyCode', 'UNKNOWN_AGENCY'], [2, 'originalCode', 'INVALID_ORIGINAL_CODE'], [2, 'procedureCode', 'UNKNOWN_PROCEDURE'], [2, 'status', 'UNKNOWN_STATUS'],
      [3, 'receivedDate', 'INVALID_DATE'], [3, 'dueDate', 'INVALID_DATE'],
      [4, 'agencyCode', 'AGENCY_NOT_IN_FORCE'], [4, 'receivedDate', 'RECEIVED_AFTER_CUTOVER'], [4, 'applicant.fullName', 'REQUIRED'], [4, 'applicant.idNumber', 'INVALID_ID_NUMBER'], [4, 'applicant.phone', 'INVALID_PHONE'],
      [5, 'dueDate', 'DUE_BEFORE_RECEIVED'],
      [6, 'closedDate', 'CLOSED_DATE_FOR_OPEN_DOSSIER'],
    ]);
    const error = checkLegacyRows(rows, context).errors[0];
    expect(error.messageEn).toContain('99999');
    expect(error.messageVi).toContain('99999');
  });

  it('a province is not an agency, nor a unit outside its time', () => {
    expect(codes([row({ agencyCode: '01' })])).toEqual([[1, 'agencyCode', 'AGENCY_NOT_IN_FORCE']]);
    expect(codes([row({ receivedDate: '2001-01-01', dueDate: '2001-01-10' })])).toEqual([[1, 'agencyCode', 'AGENCY_NOT_IN_FORCE']]);
  });

  it('numbers and other non-text values are missing values, not codes (00001 sent as 1 would name another unit)', () => {
    expect(codes([row({ agencyCode: 1, applicant: null })])).toEqual([[1, 'agencyCode', 'REQUIRED'], [1, 'applicant.fullName', 'REQUIRED'], [1, 'applicant.idNumber', 'INVALID_ID_NUMBER']]);
  });

  it('finished dossiers close on their closed date, or on the received date when the old system gave none', () => {
    const { drafts, errors } = checkLegacyRows([row({ status: 'Đã trả kết quả', closedDate: '2025-06-09' }), row({ originalCode: 'X-2', status: 'Từ chối' })], context);
    expect(errors).toEqual([]);
    expect(drafts.map((d) => d.closedAt)).toEqual([new Date('2025-06-09T10:00:00Z'), new Date('2025-05-31T17:00:00Z')]);
    expect(codes([row({ status: 'Đã trả kết quả', closedDate: '2025-05-01' })])).toEqual([[1, 'closedDate', 'CLOSED_DATE_OUT_OF_RANGE']]);
  });

  it('names each (agency, original code) once per call', () => {
    expect(codes([row(), row({ procedureCode: 'HT.010' }), row({ agencyCode: '001' })])).toEqual([[2, 'originalCode', 'DUPLICATE_ROW']]);
  });

  it('a call carries 1 to 1,000 rows', () => {
    expect(() => assertLegacyBatchSize(0)).toThrow(expect.objectContaining({ code: 'LEGACY_IMPORT_EMPTY', kind: 'invalid' }));
    expect(() => assertLegacyBatchSize(MAX_LEGACY_ROWS + 1)).toThrow(expect.objectContaining({ code: 'LEGACY_IMPORT_TOO_LARGE', kind: 'too-large' }));
    expect(() => assertLegacyBatchSize(MAX_LEGACY_ROWS)).not.toThrow();
  });
});
