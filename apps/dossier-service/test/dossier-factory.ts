import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Factories of dossier test data: `submitInput` builds a valid `SubmitDossierInput` (override any
 * field); `insertDossierRow` writes a dossier row directly (statistics and list tests that need
 * many dossiers in given states without walking each through the workflow).
 */
export function submitInput(unit: string, overrides: Record<string, unknown> = {}) {
  return {
    procedureCode: 'HT.010',
    receivingUnitCode: unit,
    channel: 'ONLINE',
    applicant: { fullName: 'Nguyễn Văn An', idNumber: '001090001234', phone: '0912345678', email: 'an@example.vn', address: 'Thôn 1' },
    formData: { purpose: 'Xây nhà ở' },
    attachments: [{ name: 'don.pdf', mediaType: 'application/pdf', size: 1024, sha256: 'a'.repeat(64) }],
    ...overrides,
  };
}

export interface DossierRowSeed {
  code: string;
  unitCode: string;
  status: string;
  channel?: 'ONLINE' | 'DIRECT' | 'POSTAL';
  receivedAt: Date;
  dueAt?: Date | null;
  /** Also the closed_at. */
  completedAt?: Date | null;
  procedureCode?: string;
}

/** Inserts a dossier row whose three units are `unitCode` (the applicant is a fixed test person). */
export async function insertDossierRow(db: DataSource, seed: DossierRowSeed): Promise<void> {
  await db.query(
    `INSERT INTO dossier (id, code, procedure_code, status, channel, receiving_unit_code, competent_unit_code, processing_unit_code,
       applicant_full_name, applicant_id_number, processing_days, received_at, due_at, completed_at, closed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $6, 'Seed', '001090001234', 5, $7, $8, $9, $9)`,
    [randomUUID(), seed.code, seed.procedureCode ?? 'HT.010', seed.status, seed.channel ?? 'ONLINE', seed.unitCode, seed.receivedAt, seed.dueAt ?? null, seed.completedAt ?? null],
  );
}
