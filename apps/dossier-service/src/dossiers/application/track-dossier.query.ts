import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@xaso/api';
import { idNumberLast4Matches } from '../domain';
import type { DossierRecord, TrackingRecord } from './dossier.records';
import { DossierRepository } from './dossier.repository.port';

/**
 * Public tracking: the dossier (with its procedure's name and history) when the last 4 digits of
 * the applicant's ID number match, else null. `code` is its code or, for a dossier handed over from
 * a legacy system, the original code on the citizen's receipt (kept after a rearrangement moves it).
 */
@Injectable()
export class TrackDossier {
  constructor(private readonly dossiers: DossierRepository) {}

  async execute(code: string, idNumberLast4: string): Promise<TrackingRecord | null> {
    if (!/^\d{4}$/.test(idNumberLast4)) {
      throw new ValidationFailedError('idNumberLast4 must be 4 digits', 'Phải nhập 4 chữ số cuối của số định danh', {
        field: 'idNumberLast4',
      });
    }
    const matches = (d: DossierRecord) => idNumberLast4Matches(d.applicant.idNumber, idNumberLast4);
    // The current code in one statement (the common case); a legacy code only when that finds nothing.
    const tracking = await this.dossiers.findTracking(code);
    if (tracking) return matches(tracking.dossier) ? tracking : null;
    const legacy = (await this.dossiers.findByLegacyCode(code)).find(matches);
    return legacy ? this.dossiers.findTracking(legacy.code) : null;
  }
}
