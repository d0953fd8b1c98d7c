import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@xaso/api';
import { idNumberLast4Matches } from '../domain';
import type { TrackingRecord } from './dossier.records';
import { DossierRepository } from './dossier.repository.port';

/** Public tracking: the dossier (with its procedure's name and history) when the last 4 digits of the applicant's ID number match, else null. */
@Injectable()
export class TrackDossier {
  constructor(private readonly dossiers: DossierRepository) {}

  async execute(code: string, idNumberLast4: string): Promise<TrackingRecord | null> {
    if (!/^\d{4}$/.test(idNumberLast4)) {
      throw new ValidationFailedError('idNumberLast4 must be 4 digits', 'Phải nhập 4 chữ số cuối của số định danh', {
        field: 'idNumberLast4',
      });
    }
    const tracking = await this.dossiers.findTracking(code);
    if (!tracking || !idNumberLast4Matches(tracking.dossier.applicant.idNumber, idNumberLast4)) return null;
    return tracking;
  }
}
