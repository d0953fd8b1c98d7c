import { Injectable } from '@nestjs/common';
import { todayInVietnam } from '@xaso/calendar';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { assertAcceptsBallots, MAX_ROLL_ROWS, VotingDomainError } from '../domain';
import { BallotBoxRepository } from './ballot-box.repository.port';
import { Clock } from './clock.port';
import { PollAccess } from './poll-access';
import { RollRepository } from './roll.repository.port';

/** The counting board lists who took part on paper (households or ID numbers): all or none, never someone who already took part. */
@Injectable()
export class RecordPaperParticipation {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly access: PollAccess,
    private readonly rolls: RollRepository,
    private readonly box: BallotBoxRepository,
    private readonly clock: Clock,
  ) {}

  execute(user: AuthUser, pollId: string, keys: readonly string[]): Promise<{ pollId: string; recorded: number }> {
    return this.transactions.run(async () => {
      const { poll } = await this.access.loadFor(user, 'recordPaper', pollId);
      assertAcceptsBallots(poll, 'PAPER', this.clock.now());
      const list = [...new Set((Array.isArray(keys) ? keys : []).map((k) => String(k).trim()))];
      if (list.length === 0 || list.length > MAX_ROLL_ROWS || list.length !== keys.length) {
        throw new VotingDomainError('ROLL_INVALID', 'List each household or voter once (1 or more)', 'Mỗi hộ/cử tri chỉ ghi một lần (ít nhất một)', { field: 'householdIds' });
      }
      const missing = await this.rolls.missingKeys(poll.id, list);
      if (missing.length) throw new VotingDomainError('ROLL_ENTRY_NOT_FOUND', `Not on the roll: ${missing.slice(0, 20).join(', ')}`, `Không có trong danh sách: ${missing.slice(0, 20).join(', ')}`, { missing });
      const already = await this.box.participated(poll.id, list);
      if (already.length) throw new VotingDomainError('ALREADY_VOTED', `Already took part: ${already.slice(0, 20).join(', ')}`, `Đã tham gia biểu quyết: ${already.slice(0, 20).join(', ')}`, { already });
      await this.box.recordParticipation(poll.id, list, 'PAPER', todayInVietnam(poll.opensAt));
      return { pollId: poll.id, recorded: list.length };
    });
  }
}
