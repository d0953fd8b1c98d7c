import { Injectable } from '@nestjs/common';
import type { KeysetPageRequest, KeysetSlice } from '@xaso/api';
import { assertResultsVisible, type BoardEntry } from '../domain';
import { BallotBoxRepository } from './ballot-box.repository.port';
import { PollAccess } from './poll-access';

/** A page of the public board of a closed poll (leaf order = tracker order) and its root. */
@Injectable()
export class PollBoard {
  constructor(
    private readonly access: PollAccess,
    private readonly box: BallotBoxRepository,
  ) {}

  async execute(id: string, page: KeysetPageRequest, viewer: { signedIn: boolean } = { signedIn: true }): Promise<{ root: string; size: number; slice: KeysetSlice<BoardEntry & { leafIndex: number }> }> {
    const { poll, board } = await this.access.load(id);
    assertResultsVisible(poll, viewer);
    return { root: board!.root, size: board!.size, slice: await this.box.boardPage(poll.id, page) };
  }
}
