import { EventRegistry, type EventDefinition } from '../lib/registry';
import { mergerEvents } from './merger.events';
import { dossierEvents } from './dossier.events';
import { petitionEvents } from './petition.events';
import { evaluationEvents } from './evaluation.events';
import { votingEvents } from './voting.events';
import { rearrangementEvents } from './rearrangement.events';

export * from './merger.events';
export * from './dossier.events';
export * from './petition.events';
export * from './evaluation.events';
export * from './voting.events';
export * from './rearrangement.events';

/**
 * Every event type of the platform. A team adds `<service>.events.ts` next to
 * `merger.events.ts`, exports a `<service>Events` array from it and lists it here.
 */
export const allEventDefinitions: readonly EventDefinition[] = [...mergerEvents, ...dossierEvents, ...petitionEvents, ...votingEvents, ...evaluationEvents, ...rearrangementEvents];

/** The platform's registry: publishers and consumers validate against it. */
export const eventRegistry = new EventRegistry(allEventDefinitions);
