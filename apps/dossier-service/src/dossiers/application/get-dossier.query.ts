import { Injectable } from '@nestjs/common';
import { ForbiddenError } from '@xaso/api';
import type { AuthUser } from '@xaso/auth';
import type { DossierRecord } from './dossier.records';
import { DossierRepository } from './dossier.repository.port';
import { DossierAccess } from './dossier-access';

/**
 * One dossier by code (or by the original code of a dossier handed over from a legacy system, when
 * only one has it): null when there is none, FORBIDDEN (OUT_OF_UNIT_SCOPE) when the caller may not see it.
 */
@Injectable()
export class GetDossier {
  constructor(
    private readonly dossiers: DossierRepository,
    private readonly access: DossierAccess,
  ) {}

  async execute(user: AuthUser, code: string): Promise<DossierRecord | null> {
    const dossier = (await this.dossiers.findByCode(code)) ?? (await this.byLegacyCode(code));
    if (!dossier) return null;
    if (!(await this.access.canSee(user, dossier))) {
      throw new ForbiddenError(`You may not see dossier ${code}`, `Bạn không được xem hồ sơ ${code}`, 'OUT_OF_UNIT_SCOPE');
    }
    return dossier;
  }

  private async byLegacyCode(code: string): Promise<DossierRecord | null> {
    const found = await this.dossiers.findByLegacyCode(code);
    return found.length === 1 ? found[0] : null;
  }
}
