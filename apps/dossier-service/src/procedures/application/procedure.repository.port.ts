import type { KeysetPageRequest, KeysetSlice } from '@xaso/api';

/** What the application and the API read and write of the procedure catalogue. */
export type OnlineLevel = 'FULL' | 'PARTIAL';

export interface ProcedureRecord {
  code: string;
  name: string;
  /** Lĩnh vực, e.g. "Hộ tịch". */
  field: string;
  /** Cấp có thẩm quyền: COMMUNE, PROVINCE, … */
  competentLevel: string;
  processingDays: number;
  /** VND. */
  fee: number;
  feeNote: string | null;
  requiredDocuments: string[];
  onlineLevel: OnlineLevel;
  active: boolean;
  /** Căn cứ pháp lý. */
  legalBasis: string;
  /** Longest legal time in working days when verification is needed; null = no extension. */
  maxProcessingDays: number | null;
}

/** The only code that reads and writes the procedure table. Joins the ambient transaction. */
export abstract class ProcedureRepository {
  abstract find(code: string): Promise<ProcedureRecord | null>;
  abstract findMany(codes: readonly string[]): Promise<ProcedureRecord[]>;
  /**
   * Active procedures whose code, name or field contains `search` (accents and case ignored), by
   * (field, code), the page after the key `page.after` ([field, code]).
   */
  abstract search(search: string | undefined, page: KeysetPageRequest): Promise<KeysetSlice<ProcedureRecord>>;
  /**
   * Inserts or updates catalogue entries: the seed list at start-up (no actor: never overwrites an
   * entry an ADMIN edited) and the ADMIN editor (actor = the admin's subject).
   */
  abstract upsert(procedures: readonly ProcedureRecord[], actor?: string): Promise<void>;
}
