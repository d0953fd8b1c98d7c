import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { ValidationFailedError } from '@xaso/api';
import type { AuthUser } from '@xaso/auth';
import { classifyResolution } from '@xaso/calendar';
import {
  dossierProcessingStarted,
  dossierRefused,
  dossierResolved,
  dossierReturned,
  dossierStopped,
  dossierSupplementProvided,
  dossierSupplementRequested,
  dossierWithdrawn,
} from '@xaso/contracts';
import type { DossierCommand } from '../domain';
import type { DossierRecord } from './dossier.records';
import { DossierRepository } from './dossier.repository.port';
import { type AttachmentInput, attachmentRecords, checkAttachments } from './attachments';
import type { DossierEventDefinition } from './dossier-events';
import { DossierTransitionRunner, type TransitionSteps } from './dossier-transition-runner';

/** The workflow commands of the domain's transition table (apology and transfer have their own use cases). */
export type DossierWorkflowCommand =
  | { type: 'START_PROCESSING'; note?: string | null }
  | { type: 'REQUEST_SUPPLEMENT'; reason: string; items: string[] }
  | { type: 'PROVIDE_SUPPLEMENT'; note: string | null; attachments: AttachmentInput[] }
  | { type: 'COMPLETE'; resultNote: string }
  | { type: 'RETURN' }
  | { type: 'REFUSE'; reason: string }
  | { type: 'STOP'; reason: string }
  | { type: 'WITHDRAW'; reason: string | null };

type WorkflowType = DossierWorkflowCommand['type'];
type CommandOf<T extends WorkflowType> = Extract<DossierWorkflowCommand, { type: T }>;

interface StepContext {
  user: AuthUser;
  dossiers: DossierRepository;
}

/** The event each workflow command announces (its extra payload fields are checked against it). */
interface EventOfCommand {
  START_PROCESSING: typeof dossierProcessingStarted;
  REQUEST_SUPPLEMENT: typeof dossierSupplementRequested;
  PROVIDE_SUPPLEMENT: typeof dossierSupplementProvided;
  COMPLETE: typeof dossierResolved;
  RETURN: typeof dossierReturned;
  REFUSE: typeof dossierRefused;
  STOP: typeof dossierStopped;
  WITHDRAW: typeof dossierWithdrawn;
}

/** How one workflow command maps onto the runner: its event, input checks, domain command and side rows. */
interface WorkflowStep<C, D extends DossierEventDefinition> {
  event: D;
  /** Input checks before anything is read. */
  validate?(command: C): void;
  domain(command: C): DossierCommand;
  steps?(command: C, ctx: StepContext): TransitionSteps<D>;
}

const WORKFLOW: { [T in WorkflowType]: WorkflowStep<CommandOf<T>, EventOfCommand[T]> } = {
  START_PROCESSING: {
    event: dossierProcessingStarted,
    domain: (c) => ({ type: 'START_PROCESSING', note: c.note ?? undefined }),
  },
  REQUEST_SUPPLEMENT: {
    event: dossierSupplementRequested,
    validate: (c) => {
      if (!c.items.length || c.items.some((i) => !i.trim())) {
        throw new ValidationFailedError('List at least one missing item', 'Phải nêu ít nhất một thành phần cần bổ sung', { field: 'items' });
      }
    },
    domain: (c) => ({ type: 'REQUEST_SUPPLEMENT', note: c.reason }),
    steps: ({ reason, items }, { user, dossiers }) => ({
      after: async (d, now) => {
        await dossiers.addSupplementRequest({
          id: uuidv7(),
          dossierId: d.id,
          reason,
          items,
          requestedAt: now,
          requestedBy: user.sub,
          providedAt: null,
          providedNote: null,
        });
        return { reason, items };
      },
    }),
  },
  PROVIDE_SUPPLEMENT: {
    event: dossierSupplementProvided,
    validate: (c) => checkAttachments(c.attachments),
    domain: (c) => ({ type: 'PROVIDE_SUPPLEMENT', note: c.note ?? undefined }),
    steps: ({ note, attachments }, { dossiers }) => ({
      after: async (d, now) => {
        const requestId = await dossiers.closeSupplementRequest(d.id, now, note);
        await dossiers.addAttachments(attachmentRecords(d.id, requestId, attachments, now));
        return { attachmentCount: attachments.length };
      },
    }),
  },
  COMPLETE: {
    event: dossierResolved,
    domain: (c) => ({ type: 'COMPLETE', note: c.resultNote }),
    steps: ({ resultNote }) => ({
      changes: { resultNote },
      after: async (d) => ({ completedAt: d.completedAt!.toISOString(), timeliness: classifyResolution(d.dueAt, d.completedAt!) }),
    }),
  },
  RETURN: {
    event: dossierReturned,
    domain: () => ({ type: 'RETURN' }),
    steps: () => ({ after: async (d) => ({ returnedAt: d.returnedAt!.toISOString() }) }),
  },
  REFUSE: {
    event: dossierRefused,
    domain: (c) => ({ type: 'REFUSE', note: c.reason }),
    steps: ({ reason }) => ({ after: async () => ({ reason }) }),
  },
  STOP: {
    event: dossierStopped,
    domain: (c) => ({ type: 'STOP', note: c.reason }),
    steps: ({ reason }) => ({ after: async () => ({ reason }) }),
  },
  WITHDRAW: {
    event: dossierWithdrawn,
    domain: (c) => ({ type: 'WITHDRAW', note: c.reason ?? undefined }),
  },
};

/**
 * The workflow commands (start, request/provide supplement, complete, return, refuse, stop,
 * withdraw): one table entry each, all run through the shared `DossierTransitionRunner`, so the
 * domain's transition table decides who may do what from which status.
 */
@Injectable()
export class TransitionDossier {
  constructor(
    private readonly runner: DossierTransitionRunner,
    private readonly dossiers: DossierRepository,
  ) {}

  execute(user: AuthUser, code: string, command: DossierWorkflowCommand): Promise<DossierRecord> {
    const step = WORKFLOW[command.type] as WorkflowStep<DossierWorkflowCommand, DossierEventDefinition>;
    step.validate?.(command);
    return this.runner.run(user, code, step.domain(command), step.event, step.steps?.(command, { user, dossiers: this.dossiers }));
  }
}
