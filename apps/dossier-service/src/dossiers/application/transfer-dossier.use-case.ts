import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import type { DossierRecord } from '../infrastructure/dossier.repository';
import { DossierAccess } from './dossier-access';
import { DossierTransitionRunner } from './dossier-transition-runner';

/** Hands a dossier to another processing unit, with a reason. */
@Injectable()
export class TransferDossier {
  constructor(
    private readonly runner: DossierTransitionRunner,
    private readonly access: DossierAccess,
  ) {}

  execute(user: AuthUser, code: string, toUnitCode: string, reason: string): Promise<DossierRecord> {
    return this.runner.run(user, code, { type: 'TRANSFER', toUnitCode, note: reason }, 'dossier.transferred', {
      before: async (d) => {
        // Transfers go from the unit that processes the dossier, within the receiving centre's province.
        await this.access.assertStaffUnit(user, d.processingUnitCode);
        await this.access.checkUnits(d.receivingUnitCode, toUnitCode);
      },
      after: async (_d, _now, previous) => ({ fromUnitCode: previous.processingUnitCode, toUnitCode, reason }),
    });
  }
}
