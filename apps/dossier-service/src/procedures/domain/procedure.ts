/** The procedure catalogue (danh mục thủ tục hành chính) — pure types and rules. */

export type CompetentLevel = 'COMMUNE' | 'PROVINCE';
/** FULL: dịch vụ công trực tuyến toàn trình; PARTIAL: một phần (papers or the result at the counter). */
export type OnlineLevel = 'FULL' | 'PARTIAL';

export interface Procedure {
  /** Catalogue code (local to this system; the national database has its own codes). */
  code: string;
  /** Vietnamese name, e.g. "Đăng ký khai sinh". */
  name: string;
  /** Lĩnh vực, e.g. "Hộ tịch", "Chứng thực". */
  field: string;
  competentLevel: CompetentLevel;
  /** Legal processing time in working days; 0 = same day (returned the next working day when received after 15:00). */
  processingDays: number;
  /** Longest legal time when verification is needed (e.g. marriage: 5), when the law allows an extension. */
  maxProcessingDays?: number;
  /** Fee / charge in VND (integer). 0 = free or set locally (see feeNote). */
  fee: number;
  feeNote: string | null;
  requiredDocuments: string[];
  onlineLevel: OnlineLevel;
  active: boolean;
  /** Legal basis, for the catalogue page. */
  legalBasis: string;
}

export interface ProcedureProblem {
  field: keyof Procedure;
  message: string;
}

export const PROCEDURE_CODE_PATTERN = /^[A-Z]{2,4}\.\d{3}$/;

/** Validation for the ADMIN catalogue editor and the seed list. */
export function validateProcedure(p: Procedure): ProcedureProblem[] {
  const out: ProcedureProblem[] = [];
  if (!PROCEDURE_CODE_PATTERN.test(p.code)) out.push({ field: 'code', message: `Code ${p.code} must look like HT.001` });
  if (!p.name?.trim()) out.push({ field: 'name', message: 'Name is required' });
  if (!p.field?.trim()) out.push({ field: 'field', message: 'Field (lĩnh vực) is required' });
  if (p.competentLevel !== 'COMMUNE' && p.competentLevel !== 'PROVINCE') out.push({ field: 'competentLevel', message: 'COMMUNE or PROVINCE' });
  if (!Number.isInteger(p.processingDays) || p.processingDays < 0 || p.processingDays > 365) {
    out.push({ field: 'processingDays', message: 'A whole number of working days, 0–365' });
  }
  if (p.maxProcessingDays !== undefined && (!Number.isInteger(p.maxProcessingDays) || p.maxProcessingDays < p.processingDays)) {
    out.push({ field: 'maxProcessingDays', message: 'Must be a whole number ≥ processingDays' });
  }
  if (!Number.isSafeInteger(p.fee) || p.fee < 0) out.push({ field: 'fee', message: 'Fee is a non-negative whole number of VND' });
  if (!Array.isArray(p.requiredDocuments) || p.requiredDocuments.length === 0 || p.requiredDocuments.some((d) => !d?.trim())) {
    out.push({ field: 'requiredDocuments', message: 'At least one required document, none blank' });
  }
  if (p.onlineLevel !== 'FULL' && p.onlineLevel !== 'PARTIAL') out.push({ field: 'onlineLevel', message: 'FULL or PARTIAL' });
  return out;
}

/** Processing days to use for a dossier: the extended time when the officer records that verification is needed. */
export function processingDaysFor(p: Procedure, needsVerification = false): number {
  return needsVerification && p.maxProcessingDays !== undefined ? p.maxProcessingDays : p.processingDays;
}
