import type { Keyset, KeysetPageRequest, KeysetSlice } from '@xaso/api';
import type { RearrangementRow, ReviewAssignment, ReviewItemMessage, UnitMoveMessage } from '@xaso/contracts';
import type { ReportSource } from '../domain/reconciliation';
import type { ChunkState, RunKind, RunStatus, SagaRun, StepAction, StepState } from '../domain/saga';

export interface StepKey {
  planId: string;
  kind: RunKind;
  service: string;
  action: StepAction;
}

export interface ChunkKey extends StepKey {
  chunk: number;
}

export interface SentChunk extends ChunkKey {
  /** This run's chunk (the commands carry it, the replies echo it). */
  runChunkId: string;
  attempts: number;
  moves: UnitMoveMessage[];
  assignments: ReviewAssignment[];
  state: ChunkState;
}

export interface ReviewItem {
  id: string;
  planId: string;
  service: string;
  recordType: string;
  recordId: string;
  sourceCode: string;
  candidateCodes: string[];
  label: string | null;
  status: 'OPEN' | 'ASSIGNING' | 'ASSIGNED';
  targetCode: string | null;
  assignedBy: string | null;
  assignedAt: string | null;
}

/** Port: the saga's state in merger's database. Joins the ambient transaction. */
export abstract class SagaRepository {
  /** Serialises everything that changes one plan's run (replies, timeouts, user actions). */
  abstract lock(planId: string): Promise<void>;
  /** A new run (a dry run started again replaces the previous one and its report). */
  abstract startRun(planId: string, kind: RunKind, startedBy: string): Promise<void>;
  abstract run(planId: string, kind: RunKind): Promise<SagaRun | null>;
  abstract setRunStatus(planId: string, kind: RunKind, status: RunStatus, options?: { error?: string | null; finished?: boolean }): Promise<void>;
  abstract upsertStep(key: StepKey, state: StepState, patch?: { chunks?: number; moved?: number; total?: number; error?: string | null }): Promise<void>;
  abstract deleteStep(key: StepKey): Promise<void>;
  /** Returns the chunk's id in this run. */
  abstract addChunk(key: ChunkKey, moves: UnitMoveMessage[], assignments?: ReviewAssignment[]): Promise<string>;
  abstract chunk(key: ChunkKey): Promise<SentChunk | null>;
  /** Marks a chunk answered (DONE or FAILED), adds to its step's counters; returns the step's chunks left. */
  abstract finishChunk(key: ChunkKey, state: 'DONE' | 'FAILED', counts: { moved: number; total: number }): Promise<{ left: number }>;
  abstract cancelChunks(key: StepKey): Promise<void>;
  /** Chunks sent before `before` and not answered, oldest first (check again under the plan's lock). */
  abstract timedOut(before: Date, limit: number): Promise<SentChunk[]>;
  abstract resent(key: ChunkKey, attempts: number): Promise<void>;
  abstract saveReport(planId: string, kind: RunKind, service: string, rows: readonly (RearrangementRow & { mergerSha256: (string | null)[] })[]): Promise<void>;
  abstract saveReviewItems(planId: string, service: string, items: readonly ReviewItemMessage[]): Promise<void>;
  abstract reportSources(planId: string, kind: RunKind): Promise<ReportSource[]>;
  abstract reviewItem(id: string): Promise<ReviewItem | null>;
  /** One page of the plan's items whose candidates include `unitCode` (all of the plan's when null), in `reviewKeyset` order, with the total. */
  abstract reviewQueue(planId: string, unitCode: string | null, page: KeysetPageRequest): Promise<KeysetSlice<ReviewItem>>;
  /** Items of the plan not yet assigned (flagged to the province). */
  abstract openReviewCount(planId: string): Promise<number>;
  abstract setReviewItem(id: string, status: ReviewItem['status'], targetCode: string | null, by: string | null): Promise<void>;
  abstract signOff(planId: string, by: string, note: string | null): Promise<void>;
}

/** The review queue's order and paging key: open items first, then service, record type, record id. */
export const REVIEW_KEYSET_ARITY = 4;
export const reviewKeyset = (i: Pick<ReviewItem, 'status' | 'service' | 'recordType' | 'recordId'>): Keyset => [i.status === 'ASSIGNED' ? 1 : 0, i.service, i.recordType, i.recordId];
