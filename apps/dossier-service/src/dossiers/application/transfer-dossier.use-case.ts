import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { dossierTransferred } from '@xaso/contracts';
import { todayInVietnam } from '@xaso/calendar';
import type { DossierRecord } from './dossier.records';
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
    const command = { type: 'TRANSFER' as const, toUnitCode, note: reason };
    return this.runner.run(user, code, command, dossierTransferred, {
      before: async (d) => {
        // Transfers go from the unit that processes the dossier, within the receiving centre's province,
        // to a unit in force today (an abolished one's single successor, said in the note).
        await this.access.assertStaffUnit(user, d.processingUnitCode);
        const target = await this.access.resolveTransferTarget(d.receivingUnitCode, toUnitCode, todayInVietnam(this.runner.now()));
        command.toUnitCode = target.code;
        if (target.note) command.note = `${reason}; ${target.note}`;
      },
      after: async (_d, _now, previous) => ({ fromUnitCode: previous.processingUnitCode, toUnitCode: command.toUnitCode, reason }),
    });
  }
}
