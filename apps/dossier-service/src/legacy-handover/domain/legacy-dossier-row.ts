/**
 * One row of a hand-over from an old district or commune system, checked row by row (issue 12):
 * every wrong field of every row is reported, and a batch with any error imports nothing. Pure:
 * what the check needs from the unit replica and the catalogue comes in `LegacyRowContext`.
 */
import { END_OF_WORKING_DAY_MINUTES, type LocalDate, atLocalTime, isValidLocalDate, toLocalDate } from '@xaso/calendar';
import { isValidIdNumber } from '@xaso/text';
import { AGENCY_CODE_PATTERN } from '../../dossiers/domain/dossier-code';
import { type DossierStatus, isFinishedStatus } from '../../dossiers/domain/dossier-status';
import { LegacyHandoverError, type LegacyRowError } from './legacy-handover-error';
import { mapLegacyStatus } from './legacy-status';

/** The day the old systems stopped receiving: districts were abolished and communes merged on 2025-07-01. */
export const LEGACY_CUTOVER: LocalDate = '2025-07-01';
export const MAX_LEGACY_ROWS = 1000;
/** Unit levels whose offices ran the old one-stop systems. */
export const LEGACY_AGENCY_LEVELS: readonly string[] = ['COMMUNE', 'DISTRICT'];

/** A row as sent (JSON or a CSV line); anything may be missing or of the wrong type. */
export interface LegacyDossierRowInput {
  agencyCode?: unknown;
  originalCode?: unknown;
  procedureCode?: unknown;
  receivedDate?: unknown;
  dueDate?: unknown;
  status?: unknown;
  /** When a finished dossier was closed (optional; the receipt date when unknown). */
  closedDate?: unknown;
  applicant?: { fullName?: unknown; idNumber?: unknown; phone?: unknown } | null;
  address?: unknown;
}

/** A version of a unit as the replica holds it. */
export interface LegacyUnitVersion {
  validFrom: LocalDate;
  validTo: LocalDate | null;
  level: string;
}

export interface LegacyRowContext {
  /** Every version the replica knows of each agency code the batch names. */
  agencyVersions: ReadonlyMap<string, readonly LegacyUnitVersion[]>;
  /** Codes of the procedure catalogue. */
  procedureCodes: ReadonlySet<string>;
  today: LocalDate;
}

/** A checked row, ready to be stored. */
export interface LegacyDossierDraft {
  row: number;
  agencyCode: string;
  originalCode: string;
  procedureCode: string;
  status: DossierStatus;
  legacyStatus: string;
  receivedAt: Date;
  receivedDate: LocalDate;
  dueAt: Date;
  closedAt: Date | null;
  applicant: { fullName: string; idNumber: string; phone: string | null };
  address: string | null;
}

const ORIGINAL_CODE = /^[A-Za-z0-9][A-Za-z0-9._\-/:]{0,59}$/;
const PHONE = /^(\+84|0)\d{9,10}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/** A local date (the day) or an ISO instant with its offset; null when it is neither. */
function instantOf(v: unknown, minutesOfDay: number): Date | null {
  const s = text(v);
  if (isValidLocalDate(s)) return atLocalTime(s, minutesOfDay);
  if (!DATE_TIME.test(s)) return null;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? null : d;
}

function inForce(v: LegacyUnitVersion, day: LocalDate): boolean {
  return v.validFrom <= day && (v.validTo === null || day <= v.validTo);
}

/** Checks one row; the draft when it is right, else its errors. */
export function checkLegacyRow(input: LegacyDossierRowInput, row: number, context: LegacyRowContext): { draft: LegacyDossierDraft | null; errors: LegacyRowError[] } {
  const errors: LegacyRowError[] = [];
  const fail = (field: string, code: string, messageEn: string, messageVi: string) => errors.push({ row, field, code, messageEn, messageVi });
  const r = input !== null && typeof input === 'object' ? input : {};

  const agencyCode = text(r.agencyCode);
  const originalCode = text(r.originalCode);
  const procedureCode = text(r.procedureCode);
  const receivedAt = instantOf(r.receivedDate, 0);
  const receivedDate = receivedAt ? toLocalDate(receivedAt) : null;
  const dueAt = instantOf(r.dueDate, END_OF_WORKING_DAY_MINUTES);
  const legacyStatus = text(r.status);
  const status = mapLegacyStatus(legacyStatus);

  if (!AGENCY_CODE_PATTERN.test(agencyCode)) {
    fail('agencyCode', 'REQUIRED', 'The legacy agency code is required (letters, digits, dots)', 'Phải có mã cơ quan (đơn vị cũ): chữ, số, dấu chấm');
  } else if (!context.agencyVersions.get(agencyCode)?.length) {
    fail('agencyCode', 'UNKNOWN_AGENCY', `No administrative unit has code ${agencyCode}`, `Không có đơn vị hành chính mã ${agencyCode}`);
  } else if (receivedDate) {
    const version = (context.agencyVersions.get(agencyCode) ?? []).find((v) => inForce(v, receivedDate));
    if (!version || !LEGACY_AGENCY_LEVELS.includes(version.level)) {
      fail('agencyCode', 'AGENCY_NOT_IN_FORCE', `${agencyCode} was not a commune or district in force on ${receivedDate}`, `${agencyCode} không phải là xã hoặc huyện còn hiệu lực vào ngày ${receivedDate}`);
    }
  }
  if (!ORIGINAL_CODE.test(originalCode)) {
    fail('originalCode', 'INVALID_ORIGINAL_CODE', 'The original code is required: up to 60 letters, digits and . _ - / :', 'Phải có mã hồ sơ gốc: tối đa 60 ký tự gồm chữ, số và . _ - / :');
  }
  if (!context.procedureCodes.has(procedureCode)) {
    fail('procedureCode', 'UNKNOWN_PROCEDURE', `Unknown procedure ${procedureCode.slice(0, 60) || '(empty)'}`, `Thủ tục ${procedureCode.slice(0, 60) || '(trống)'} không có trong danh mục`);
  }
  if (!receivedDate) {
    fail('receivedDate', 'INVALID_DATE', 'The received date must be YYYY-MM-DD or an ISO instant with its offset', 'Ngày tiếp nhận phải có dạng YYYY-MM-DD hoặc thời điểm ISO có múi giờ');
  } else if (receivedDate >= LEGACY_CUTOVER) {
    fail('receivedDate', 'RECEIVED_AFTER_CUTOVER', `A legacy dossier was received before ${LEGACY_CUTOVER}`, `Hồ sơ của hệ thống cũ phải được tiếp nhận trước ngày ${LEGACY_CUTOVER}`);
  } else if (receivedDate > context.today) {
    fail('receivedDate', 'DATE_IN_FUTURE', 'The received date is in the future', 'Ngày tiếp nhận ở tương lai');
  }
  if (!dueAt) {
    fail('dueDate', 'INVALID_DATE', 'The due date must be YYYY-MM-DD or an ISO instant with its offset', 'Ngày hẹn trả phải có dạng YYYY-MM-DD hoặc thời điểm ISO có múi giờ');
  } else if (receivedAt && dueAt < receivedAt) {
    fail('dueDate', 'DUE_BEFORE_RECEIVED', 'The due date is before the received date', 'Ngày hẹn trả trước ngày tiếp nhận');
  }
  if (!status) {
    fail('status', 'UNKNOWN_STATUS', `Unknown status "${legacyStatus.slice(0, 60)}" (e.g. Mới tiếp nhận, Đang xử lý, Đã trả kết quả)`, `Trạng thái "${legacyStatus.slice(0, 60)}" không xác định (ví dụ: Mới tiếp nhận, Đang xử lý, Đã trả kết quả)`);
  }
  const closedAt = checkClosedDate(r.closedDate, status, receivedAt, context.today, fail);
  const applicant = checkApplicant(r.applicant, fail);
  const address = text(r.address);
  if (address.length > 500) fail('address', 'TOO_LONG', 'The address is longer than 500 characters', 'Địa chỉ dài quá 500 ký tự');

  if (errors.length || !status || !receivedAt || !receivedDate || !dueAt || !applicant) return { draft: null, errors };
  return {
    draft: { row, agencyCode, originalCode, procedureCode, status, legacyStatus, receivedAt, receivedDate, dueAt, closedAt, applicant, address: address || null },
    errors,
  };
}

type Fail = (field: string, code: string, messageEn: string, messageVi: string) => void;

function checkClosedDate(value: unknown, status: DossierStatus | null, receivedAt: Date | null, today: LocalDate, fail: Fail): Date | null {
  const finished = !!status && isFinishedStatus(status);
  if (value === undefined || value === null || text(value) === '') return finished ? receivedAt : null;
  const closedAt = instantOf(value, END_OF_WORKING_DAY_MINUTES);
  if (!closedAt) fail('closedDate', 'INVALID_DATE', 'The closed date must be YYYY-MM-DD or an ISO instant with its offset', 'Ngày kết thúc phải có dạng YYYY-MM-DD hoặc thời điểm ISO có múi giờ');
  else if (!finished) fail('closedDate', 'CLOSED_DATE_FOR_OPEN_DOSSIER', 'Only a finished dossier has a closed date', 'Chỉ hồ sơ đã kết thúc mới có ngày kết thúc');
  else if ((receivedAt && closedAt < receivedAt) || toLocalDate(closedAt) > today) {
    fail('closedDate', 'CLOSED_DATE_OUT_OF_RANGE', 'The closed date is before the received date or in the future', 'Ngày kết thúc trước ngày tiếp nhận hoặc ở tương lai');
  } else return closedAt;
  return null;
}

function checkApplicant(value: LegacyDossierRowInput['applicant'], fail: Fail): LegacyDossierDraft['applicant'] | null {
  const a = value !== null && typeof value === 'object' ? value : {};
  const fullName = text(a.fullName);
  const idNumber = text(a.idNumber);
  const phone = text(a.phone).replace(/[\s.]/g, '');
  let ok = true;
  if (fullName.length < 1 || fullName.length > 200) {
    fail('applicant.fullName', 'REQUIRED', "The applicant's name is required (up to 200 characters)", 'Phải có họ tên người nộp (tối đa 200 ký tự)');
    ok = false;
  }
  if (!isValidIdNumber(idNumber)) {
    fail('applicant.idNumber', 'INVALID_ID_NUMBER', 'The ID number must be 12 digits starting with a province code', 'Số định danh cá nhân phải gồm 12 chữ số, bắt đầu bằng mã tỉnh');
    ok = false;
  }
  if (phone && !PHONE.test(phone)) {
    fail('applicant.phone', 'INVALID_PHONE', 'The phone number must be a Vietnamese number (0… or +84…)', 'Số điện thoại phải là số Việt Nam (0… hoặc +84…)');
    ok = false;
  }
  return ok ? { fullName, idNumber, phone: phone || null } : null;
}

/** A call carries 1 to MAX_LEGACY_ROWS rows. */
export function assertLegacyBatchSize(count: number): void {
  if (count === 0) throw new LegacyHandoverError('LEGACY_IMPORT_EMPTY', 'The import has no rows', 'Không có dòng hồ sơ nào để nhập');
  if (count > MAX_LEGACY_ROWS) {
    throw new LegacyHandoverError('LEGACY_IMPORT_TOO_LARGE', `At most ${MAX_LEGACY_ROWS} rows per call (got ${count})`, `Mỗi lần nhập tối đa ${MAX_LEGACY_ROWS} dòng (nhận ${count})`, { maxRows: MAX_LEGACY_ROWS, rows: count });
  }
}

/** Every row checked; a batch names each (agency, original code) once. */
export function checkLegacyRows(rows: readonly LegacyDossierRowInput[], context: LegacyRowContext): { drafts: LegacyDossierDraft[]; errors: LegacyRowError[] } {
  const drafts: LegacyDossierDraft[] = [];
  const errors: LegacyRowError[] = [];
  const seen = new Map<string, number>();
  rows.forEach((input, i) => {
    const checked = checkLegacyRow(input, i + 1, context);
    errors.push(...checked.errors);
    if (!checked.draft) return;
    const key = `${checked.draft.agencyCode}\u0000${checked.draft.originalCode}`;
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ row: i + 1, field: 'originalCode', code: 'DUPLICATE_ROW', messageEn: `Same agency and original code as row ${first}`, messageVi: `Trùng mã cơ quan và mã hồ sơ gốc với dòng ${first}` });
      return;
    }
    seen.set(key, i + 1);
    drafts.push(checked.draft);
  });
  return { drafts, errors };
}
