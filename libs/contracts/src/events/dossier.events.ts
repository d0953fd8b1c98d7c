import { z } from 'zod';
import { defineEvent } from '../lib/registry';

/**
 * Events published by dossier-service (one-stop-shop dossiers). Topic `xaso.dossier.events.v1`,
 * aggregateType `Dossier`, aggregateId = the dossier code, unitCode = the processing unit.
 *
 * No personal data: never the applicant's name, ID number, phone, e-mail or address, nor the
 * form data. Consumers that need the applicant ask the service (with the right role).
 */
const SOURCE = 'dossier';
const instant = z.string().datetime({ offset: true });
const channel = z.enum(['ONLINE', 'DIRECT', 'POSTAL']);

/** What every dossier event carries: where the dossier stands after the change. */
const dossierState = z.object({
  code: z.string().min(1),
  procedureCode: z.string().min(1),
  status: z.string().min(1),
  /** Status before the change (null for `dossier.received`). */
  previousStatus: z.string().min(1).nullable(),
  channel,
  receivingUnitCode: z.string().min(1),
  competentUnitCode: z.string().min(1),
  processingUnitCode: z.string().min(1),
  receivedAt: instant,
  /** Current due instant; null while paused for a supplement. */
  dueAt: instant.nullable(),
  /** Role of the actor (CITIZEN, OFFICER, …, SYSTEM for the scheduler); never who. */
  actorRole: z.string().min(1),
});

/** The fields every dossier event carries (its payload minus the event's own extra fields). */
export type DossierEventState = z.input<typeof dossierState>;

const dossierEvent = <T extends string, S extends z.ZodRawShape>(type: T, extra: S, description: string) =>
  defineEvent({ type, version: 1, source: SOURCE, schema: dossierState.extend(extra), description });

export const dossierReceived = dossierEvent(
  'dossier.received',
  { processingDays: z.number().int().nonnegative() },
  'A dossier was received (online submission or at a counter / by post).',
);
/**
 * A dossier handed over from an old district or commune system (issue 12): its own type, so
 * consumers counting today's intake (evaluation's indicators) do not count the legacy backlog as
 * received now or on its old date. Later events of the dossier are the usual ones.
 */
export const dossierLegacyImported = dossierEvent(
  'dossier.legacy-imported',
  { processingDays: z.number().int().nonnegative(), legacyAgencyCode: z.string().min(1), legacyCode: z.string().min(1) },
  'A dossier received by a legacy (pre-2025) unit was imported from its old system with its original code and due date.',
);
export const dossierProcessingStarted = dossierEvent('dossier.processing-started', {}, 'Processing started.');
export const dossierSupplementRequested = dossierEvent(
  'dossier.supplement-requested',
  { reason: z.string().min(1), items: z.array(z.string().min(1)) },
  'The applicant was asked for more documents; the deadline is paused.',
);
export const dossierSupplementProvided = dossierEvent(
  'dossier.supplement-provided',
  { attachmentCount: z.number().int().nonnegative() },
  'The applicant supplied the documents; the deadline runs again (dueAt recomputed).',
);
export const dossierResolved = dossierEvent(
  'dossier.resolved',
  { completedAt: instant, timeliness: z.enum(['EARLY', 'ON_TIME', 'LATE']) },
  'Processing finished, the result is ready to be returned.',
);
export const dossierReturned = dossierEvent('dossier.returned', { returnedAt: instant }, 'The result was handed to the applicant.');
export const dossierRefused = dossierEvent('dossier.refused', { reason: z.string().min(1) }, 'The dossier was refused.');
export const dossierStopped = dossierEvent('dossier.stopped', { reason: z.string().min(1) }, 'Processing was stopped.');
export const dossierWithdrawn = dossierEvent('dossier.withdrawn', {}, 'The applicant withdrew the dossier.');
export const dossierApologyIssued = dossierEvent(
  'dossier.apology-issued',
  { reason: z.string().min(1), originalDueAt: instant, newDueAt: instant },
  'A written apology with a new appointment date was issued (once, before the original due date).',
);
export const dossierTransferred = dossierEvent(
  'dossier.transferred',
  { fromUnitCode: z.string().min(1), toUnitCode: z.string().min(1), reason: z.string().min(1) },
  'The dossier was transferred to another processing unit.',
);
export const dossierOverdue = dossierEvent('dossier.overdue', {}, 'The scheduler found the dossier past its due instant.');
export const dossierDueSoon = dossierEvent('dossier.due-soon', {}, 'The scheduler found the dossier due within a day.');

export const dossierEvents = [
  dossierReceived,
  dossierLegacyImported,
  dossierProcessingStarted,
  dossierSupplementRequested,
  dossierSupplementProvided,
  dossierResolved,
  dossierReturned,
  dossierRefused,
  dossierStopped,
  dossierWithdrawn,
  dossierApologyIssued,
  dossierTransferred,
  dossierOverdue,
  dossierDueSoon,
];
