import { Injectable } from '@nestjs/common';
import { assertResultsVisible, type Receipt, verifyReceipt } from '../domain';
import { BallotBoxRepository } from './ballot-box.repository.port';
import { PollAccess } from './poll-access';

/** The ballot a tracker names on a closed poll's board, with its RFC 6962 audit path (checkable without trusting us). */
@Injectable()
export class VerifyReceipt {
  constructor(
    private readonly access: PollAccess,
    private readonly box: BallotBoxRepository,
  ) {}

  async execute(pollId: string, tracker: string, viewer: { signedIn: boolean } = { signedIn: true }): Promise<Receipt> {
    const { poll } = await this.access.load(pollId);
    assertResultsVisible(poll, viewer);
    return verifyReceipt(await this.box.board(poll.id), typeof tracker === 'string' ? tracker.trim().toLowerCase() : '');
  }
}
