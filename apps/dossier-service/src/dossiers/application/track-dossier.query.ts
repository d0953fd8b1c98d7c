import { Injectable } from '@nestjs/common';
import { ValidationFailedError } from '@xaso/api';
import { idNumberLast4Matches } from '../domain';
import type { DossierRecord } from './dossier.records';
import { DossierRepository } from './dossier.repository.port';

/** Public tracking: the dossier when the last 4 digits of the applicant's ID number match, else null. */
@Injectable()
export class TrackDossier {
  constructor(private readonly dossiers: DossierRepository) {}

  async execute(code: string, idNumberLast4: string): Promise<DossierRecord | null> {
    if (!/^\d{4}$/.test(idNumberLast4)) {
      throw new ValidationFailedError('idNumberLast4 must be 4 digits', 'Phải nhập 4 chữ số cuối của số định danh', {
        field: 'idNumberLast4',
      });
    }
    const dossier = await this.dossiers.findByCode(code);
    if (!dossier || !idNumberLast4Matches(dossier.applicant.idNumber, idNumberLast4)) return null;
    return dossier;
  }
}
