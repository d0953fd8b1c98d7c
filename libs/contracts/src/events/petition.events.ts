import { z } from 'zod';
import { defineEvent } from '../lib/registry';

/**
 * Events published by petition-service (complaints, denunciations, recommendations, feedback).
 * Topic `xaso.petition.events.v1`, aggregateType `Petition`, aggregateId = the petition code,
 * unitCode = the unit handling it.
 *
 * What evaluation-service needs (kind, unit, dates, on-time outcome, rating) and nothing
 * personal: never the petitioner's or denouncer's name, ID number, phone, address or
 * attachments, never the title/content/conclusion text (free text may name people), never who
 * acted (only the role). `.strict()` schemas reject any extra field at publish time.
 */
const SOURCE = 'petition';
const instant = z.string().datetime({ offset: true });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const kind = z.enum(['COMPLAINT', 'DENUNCIATION', 'RECOMMENDATION', 'FEEDBACK', 'INFORMATION']);
const channel = z.enum(['RECEPTION', 'ONLINE', 'MAIL', 'HOTLINE']);

/** Where the petition stands after the change. */
const petitionState = z.object({
  code: z.string().min(1),
  unitCode: z.string().min(1),
  kind,
  channel,
  status: z.string().min(1),
  /** Status before the change (null for `petition.received`). */
  previousStatus: z.string().min(1).nullable(),
  /** 1 = first-time, 2 = second-time complaint. */
  attempt: z.number().int().min(1).max(2),
  complexity: z.enum(['NORMAL', 'COMPLEX', 'VERY_COMPLEX']),
  remoteArea: z.boolean(),
  receivedAt: instant,
  acceptanceDue: day,
  acceptedAt: instant.nullable(),
  resolutionDue: day.nullable(),
  /** Role of the actor (CITIZEN, OFFICER, LEADER, AGENCY, SYSTEM); never who. */
  actorRole: z.string().min(1),
  crowded: z.boolean(),
  prolonged: z.boolean(),
});

/** The fields every petition event carries (its payload minus the event's own extra fields). */
export type PetitionEventState = z.input<typeof petitionState>;

const petitionEvent = <T extends string, S extends z.ZodRawShape>(type: T, extra: S, description: string) =>
  defineEvent({ type, version: 1, source: SOURCE, schema: petitionState.extend(extra).strict(), description });

export const petitionReceived = petitionEvent(
  'petition.received',
  { anonymous: z.boolean(), parentCode: z.string().nullable() },
  'A petition was received (an anonymous denunciation arrives with kind INFORMATION).',
);
export const petitionClassified = petitionEvent('petition.classified', {}, 'The petition was classified (kind, complexity).');
export const petitionAccepted = petitionEvent('petition.accepted', {}, 'The petition was accepted for handling (thụ lý).');
export const petitionRefused = petitionEvent('petition.refused', {}, 'The petition was not accepted (the reason stays in the service).');
export const petitionReferred = petitionEvent(
  'petition.referred',
  { toUnitCode: z.string().nullable() },
  'The petition was referred to the competent unit or agency (chuyển đơn).',
);
export const petitionAssigned = petitionEvent('petition.assigned', {}, 'A handler was assigned.');
export const petitionExtended = petitionEvent(
  'petition.extended',
  { extensionsUsed: z.number().int().nonnegative() },
  'The resolution time limit was extended.',
);
export const petitionResolved = petitionEvent(
  'petition.resolved',
  { resolvedAt: instant, onTime: z.boolean() },
  'The petition was resolved with a conclusion or decision.',
);
export const petitionRated = petitionEvent(
  'petition.rated',
  { score: z.number().int().min(1).max(5), ratedAt: instant },
  'The petitioner rated the resolution (feedback, recommendation).',
);
export const petitionReopened = petitionEvent('petition.reopened', { reopenCount: z.number().int().positive() }, 'The petitioner re-opened the case.');
export const petitionAppealed = petitionEvent('petition.appealed', {}, 'A second-time complaint was brought to the next level.');
export const petitionWithdrawn = petitionEvent(
  'petition.withdrawn',
  { partial: z.boolean() },
  'The petitioner withdrew the petition (partial: some matters only).',
);
export const petitionEscalated = petitionEvent(
  'petition.escalated',
  { stage: z.enum(['ACCEPTANCE', 'RESOLUTION']), overdueSince: day },
  'The petition is overdue and was escalated to the commune chairperson.',
);
export const petitionDueSoon = petitionEvent(
  'petition.due-soon',
  { stage: z.enum(['ACCEPTANCE', 'RESOLUTION']), due: day, daysLeft: z.number().int().nonnegative() },
  'The running time limit ends within the due-soon window (announced once per due date).',
);
export const petitionLinked = petitionEvent(
  'petition.linked',
  { mainCode: z.string().min(1) },
  'A duplicate submission was linked to an existing case instead of opening a new one.',
);
export const petitionFlagged = petitionEvent(
  'petition.flagged',
  { submissionCount: z.number().int().positive(), petitionerCount: z.number().int().positive() },
  'The case became crowded (đông người) or prolonged (kéo dài): leaders are alerted.',
);
export const petitionArchived = petitionEvent('petition.archived', {}, 'Information (anonymous denunciation) was filed.');

/**
 * A citizen reception session was held (tiếp công dân), announced once when it is recorded, for
 * evaluation's "reception sessions held vs required": the unit, the local day, who presided by
 * role only (`CHAIRPERSON` when the commune chairperson received citizens in person, else
 * `DELEGATED`) and counts. Never a citizen's or official's name or id, never notes.
 * aggregateType `ReceptionSession`, aggregateId the session id.
 */
export const receptionSessionHeld = defineEvent({
  type: 'reception-session.held',
  version: 1,
  source: SOURCE,
  schema: z
    .object({
      sessionId: z.string().uuid(),
      unitCode: z.string().min(1),
      date: day,
      kind: z.enum(['CHAIRPERSON', 'DELEGATED']),
      citizensReceived: z.number().int().nonnegative(),
      petitionsOpened: z.number().int().nonnegative(),
    })
    .strict(),
  description: 'A citizen reception session was held: unit, local day, CHAIRPERSON or DELEGATED, counts; no personal data.',
});

export const petitionEvents = [
  petitionReceived,
  petitionClassified,
  petitionAccepted,
  petitionRefused,
  petitionReferred,
  petitionAssigned,
  petitionExtended,
  petitionResolved,
  petitionRated,
  petitionReopened,
  petitionAppealed,
  petitionWithdrawn,
  petitionEscalated,
  petitionDueSoon,
  petitionLinked,
  petitionFlagged,
  petitionArchived,
  receptionSessionHeld,
] as const;
