import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { replaceRepresentative, VotingDomainError } from '../domain';
import { BallotBoxRepository } from './ballot-box.repository.port';
import { PollAccess } from './poll-access';
import { type LoggedRepresentativeChange, RollRepository } from './roll.repository.port';

export interface ReplacementInput {
  householdId: string;
  idNumber: string;
  name: string;
  reason: string;
}

/**
 * An officer of the commune replaces a household's representative before that household takes
 * part (online or on paper), logged: who replaced whom, when, by which officer, why. The poll's
 * row lock (the one casts share) orders it with the household's cast: either the old
 * representative's ballot came first (REPRESENTATIVE_ALREADY_PARTICIPATED) or only the new one can cast.
 */
@Injectable()
export class ReplaceRepresentative {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly access: PollAccess,
    private readonly rolls: RollRepository,
    private readonly box: BallotBoxRepository,
  ) {}

  execute(user: AuthUser, pollId: string, input: ReplacementInput): Promise<LoggedRepresentativeChange> {
    return this.transactions.run(async () => {
      const { poll } = await this.access.loadFor(user, 'replaceRepresentative', pollId);
      const householdId = typeof input?.householdId === 'string' ? input.householdId.trim() : '';
      const entry = poll.electorate === 'HOUSEHOLDS' && householdId ? await this.rolls.entry(poll.id, householdId) : null;
      if (poll.electorate === 'HOUSEHOLDS' && !entry) {
        throw new VotingDomainError('ROLL_ENTRY_NOT_FOUND', `Household ${householdId} is not on the roll`, `Hộ ${householdId} không có trong danh sách`, { householdId });
      }
      const idNumber = typeof input?.idNumber === 'string' ? input.idNumber.trim() : '';
      const { change } = replaceRepresentative(entry ?? { householdId: null, idNumber: '', name: '', villageCode: '' }, input, {
        electorate: poll.electorate,
        pollStatus: poll.status,
        householdParticipated: entry ? (await this.box.participated(poll.id, [householdId])).length > 0 : false,
        idNumberOnRoll: idNumber ? (await this.rolls.keyOfIdNumber(poll.id, idNumber)) !== null : false,
      });
      return this.rolls.logChange(poll.id, change, user.sub);
    });
  }
}
