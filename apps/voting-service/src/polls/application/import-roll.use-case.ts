import { Injectable } from '@nestjs/common';
import { todayInVietnam } from '@xaso/calendar';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { assertRollImportable, parseRoll, type RollEntry, type RollRowInput } from '../domain';
import { Clock } from './clock.port';
import { CommuneVillages } from './commune-villages.port';
import { PollAccess } from './poll-access';
import { RollRepository } from './roll.repository.port';

/** The key of a roll entry: the household for HOUSEHOLDS polls, the ID number for VOTERS polls. */
export const rollKeyOf = (electorate: string) => (entry: RollEntry) => (electorate === 'HOUSEHOLDS' ? (entry.householdId ?? entry.idNumber) : entry.idNumber);

/** Imports (or re-imports) a DRAFT poll's roll: all rows or none, every wrong row reported with its number. */
@Injectable()
export class ImportRoll {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly access: PollAccess,
    private readonly rolls: RollRepository,
    private readonly villages: CommuneVillages,
    private readonly clock: Clock,
  ) {}

  execute(user: AuthUser, pollId: string, rows: readonly RollRowInput[]): Promise<{ pollId: string; imported: number }> {
    return this.transactions.run(async () => {
      const { poll } = await this.access.loadFor(user, 'importRoll', pollId);
      assertRollImportable(poll);
      const communeVillages = await this.villages.of(poll.unitCode, todayInVietnam(this.clock.now()));
      const entries = parseRoll(rows, { electorate: poll.electorate, communeVillages, pollVillageCode: poll.villageCode });
      await this.rolls.replace(poll.id, entries, rollKeyOf(poll.electorate));
      return { pollId: poll.id, imported: entries.length };
    });
  }
}
