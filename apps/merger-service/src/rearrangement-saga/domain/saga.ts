/**
 * The rearrangement saga as merger-service runs it (issue 12, items 2, 3, 7, 8). Pure.
 *
 * A run is a dry run (DRY_RUN) or the application (APPLY) of one plan. Its steps: merger's own
 * registry step, then one step per participant and action (DRY_RUN, APPLY, COMPENSATE, ASSIGN),
 * each sent as chunks of units (commands over Kafka) and answered by replies.
 */
import type { RearrangementStep, UnitMoveMessage } from '@xaso/contracts';

export type RunKind = 'DRY_RUN' | 'APPLY';
export type StepAction = RearrangementStep | 'REGISTRY' | 'REGISTRY_REVERT';
export type StepState = 'PENDING' | 'RUNNING' | 'DONE' | 'FAILED' | 'CANCELLED';
export type ChunkState = 'SENT' | 'DONE' | 'FAILED' | 'CANCELLED';
/** The run's own state (the plan's status says APPLYING / APPLIED / FAILED / COMPENSATED / FAILED_TO_COMPENSATE). */
export type RunStatus = 'RUNNING' | 'DONE' | 'FAILED' | 'COMPENSATING' | 'COMPENSATED' | 'FAILED_TO_COMPENSATE';

export interface SagaStep {
  service: string;
  action: StepAction;
  state: StepState;
  chunks: number;
  chunksDone: number;
  moved: number;
  total: number;
  attempts: number;
  error: string | null;
  updatedAt: string;
}

export interface SagaRun {
  planId: string;
  kind: RunKind;
  status: RunStatus;
  startedAt: string;
  startedBy: string;
  finishedAt: string | null;
  error: string | null;
  signedOffBy: string | null;
  signedOffAt: string | null;
  signOffNote: string | null;
  steps: SagaStep[];
}

/** Which run a participant's step belongs to. */
export const runKindOf = (step: RearrangementStep): RunKind => (step === 'DRY_RUN' ? 'DRY_RUN' : 'APPLY');

/** Splits a plan's moves into chunks of at most `size` units (commands stay small). */
export function chunked(moves: readonly UnitMoveMessage[], size: number): UnitMoveMessage[][] {
  const chunks: UnitMoveMessage[][] = [];
  for (let i = 0; i < moves.length; i += size) chunks.push(moves.slice(i, i + size));
  return chunks.length ? chunks : [[]];
}

const participantSteps = (run: SagaRun, action: StepAction) => run.steps.filter((s) => s.action === action && s.service !== 'merger');

/** Every participant answered every chunk of `action`. */
export const allDone = (run: SagaRun, action: StepAction): boolean => {
  const steps = participantSteps(run, action);
  return steps.length > 0 && steps.every((s) => s.state === 'DONE');
};

export const anyFailed = (run: SagaRun, action: StepAction): boolean => participantSteps(run, action).some((s) => s.state === 'FAILED');
