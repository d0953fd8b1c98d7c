import { Injectable } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { TransactionRunner } from '@xaso/persistence';
import { assertKnownOption, type PaperCount, VotingDomainError } from '../domain';
import { BallotBoxRepository } from './ballot-box.repository.port';
import { PollAccess } from './poll-access';

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** The paper box's counted totals per option plus spoiled ballots, while the poll is open (recounts replace it). */
@Injectable()
export class RecordPaperCount {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly access: PollAccess,
    private readonly box: BallotBoxRepository,
  ) {}

  execute(user: AuthUser, pollId: string, totals: readonly { optionId: string; count: number }[], spoiled: number): Promise<PaperCount> {
    return this.transactions.run(async () => {
      const { poll } = await this.access.loadFor(user, 'recordPaper', pollId);
      if (poll.status !== 'OPEN' || !poll.channels.includes('PAPER')) {
        throw new VotingDomainError('POLL_NOT_OPEN', 'Paper counts are recorded for an open poll with a paper channel', 'Chỉ ghi kết quả kiểm phiếu giấy khi cuộc biểu quyết đang mở và có hình thức phiếu giấy', { status: poll.status });
      }
      const count: Record<string, number> = {};
      for (const { optionId, count: n } of totals ?? []) {
        assertKnownOption(poll.options, optionId);
        if (!isCount(n) || optionId in count) throw new VotingDomainError('INVALID_TALLY_INPUT', 'Each option once, with a whole count ≥ 0', 'Mỗi phương án một lần, số phiếu là số nguyên không âm', { optionId });
        count[optionId] = n;
      }
      if (!isCount(spoiled)) throw new VotingDomainError('INVALID_TALLY_INPUT', 'Spoiled ballots must be a whole number ≥ 0', 'Số phiếu không hợp lệ phải là số nguyên không âm');
      const paper: PaperCount = { totals: count, spoiled };
      await this.box.savePaperCount(poll.id, paper);
      return paper;
    });
  }
}
