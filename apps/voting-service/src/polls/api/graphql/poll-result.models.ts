import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@xaso/api';
import type { Receipt, TallyResult } from '../../domain';
import type { PollStatus } from '../../domain';
import { PollStatusEnum } from './poll-enums';

@ObjectType('PollTurnout')
export class PollTurnoutModel {
  @Field(() => Int) participants!: number;
  @Field(() => Int) online!: number;
  @Field(() => Int) paper!: number;
  @Field(() => Float, { description: 'participants / N' }) rate!: number;
  @Field(() => Float) onlineRate!: number;
  @Field(() => Float) paperRate!: number;
}

@ObjectType('PollOptionCount')
export class PollOptionCountModel {
  @Field(() => ID) optionId!: string;
  @Field(() => Int) online!: number;
  @Field(() => Int) paper!: number;
  @Field(() => Int) total!: number;
}

@ObjectType('PollResult')
export class PollResultModel {
  @Field(() => ID) pollId!: string;
  @Field(() => PollStatusEnum) status!: PollStatus;
  @Field(() => Int) rollSize!: number;
  @Field(() => PollTurnoutModel) turnout!: PollTurnoutModel;
  @Field(() => [PollOptionCountModel]) counts!: PollOptionCountModel[];
  @Field(() => Int) spoiled!: number;
  @Field() quorumMet!: boolean;
  @Field() passed!: boolean;
  @Field(() => String, { nullable: true }) winner!: string | null;
  @Field(() => [String]) tiedOptions!: string[];
  @Field() explanationEn!: string;
  @Field() explanationVi!: string;
  @Field() boardRoot!: string;
  @Field(() => Int) boardSize!: number;
}

export function toPollResultModel(pollId: string, status: PollStatus, r: TallyResult, board: { root: string; size: number }): PollResultModel {
  return {
    pollId,
    status,
    rollSize: r.rollSize,
    turnout: { ...r.turnout },
    counts: r.counts.map((c) => ({ ...c })),
    spoiled: r.spoiled,
    quorumMet: r.quorumMet,
    passed: r.passed,
    winner: r.winner,
    tiedOptions: [...r.tiedOptions],
    explanationEn: r.explanation.en,
    explanationVi: r.explanation.vi,
    boardRoot: board.root,
    boardSize: board.size,
  };
}

@ObjectType('PollBoardEntry')
export class PollBoardEntryModel {
  @Field(() => Int) leafIndex!: number;
  @Field() tracker!: string;
  @Field(() => ID) choice!: string;
}

@ObjectType()
export class PollBoardEntryConnection extends Connection(PollBoardEntryModel, 'PollBoardEntry') {}

@ObjectType('PollBoard')
export class PollBoardModel {
  @Field({ description: 'RFC 6962 Merkle root over the board, hex' }) root!: string;
  @Field(() => Int) size!: number;
  @Field(() => PollBoardEntryConnection) entries!: PollBoardEntryConnection;
}

@ObjectType('PollReceipt')
export class PollReceiptModel implements Receipt {
  @Field(() => ID) choice!: string;
  @Field(() => Int) leafIndex!: number;
  @Field(() => [String], { description: 'RFC 6962 §2.1.1 audit path, hex, leaf to root' }) auditPath!: string[];
  @Field() root!: string;
  @Field(() => Int) treeSize!: number;
}

@ObjectType('CastBallotPayload')
export class CastBallotPayload {
  @Field(() => ID) pollId!: string;
  @Field({ description: 'Keep it: find your ballot on the board after close' }) tracker!: string;
}

@ObjectType('RollImport')
export class RollImportModel {
  @Field(() => ID) pollId!: string;
  @Field(() => Int) imported!: number;
}

@ObjectType('PaperParticipation')
export class PaperParticipationModel {
  @Field(() => ID) pollId!: string;
  @Field(() => Int) recorded!: number;
}

@ObjectType('PaperTotal')
export class PaperTotalModel {
  @Field(() => ID) optionId!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('PaperCount')
export class PaperCountModel {
  @Field(() => [PaperTotalModel]) totals!: PaperTotalModel[];
  @Field(() => Int) spoiled!: number;
}
