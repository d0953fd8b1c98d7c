import { Injectable } from '@nestjs/common';
import {
  dossierApologyIssued,
  dossierOverdue,
  dossierReceived,
  dossierResolved,
  type EventOf,
  petitionEscalated,
  petitionRated,
  petitionResolved,
  pollClosed,
  receptionSessionHeld,
} from '@xaso/contracts';
import { OnEvent } from '@xaso/messaging';
import { factsOf } from '../application/facts-of-event';
import { RecordFacts } from '../application/record-facts.use-case';

/**
 * Turns dossier, petition (and reception-session) and poll events into daily facts. Each handler runs in the consumer's
 * transaction with the inbox row (managerFor joins it), so a redelivered event adds nothing.
 * Other dossier.* / petition.* / poll.* types are skipped and counted by the consumer.
 */
@Injectable()
export class IndicatorEventHandlers {
  constructor(private readonly recordFacts: RecordFacts) {}

  @OnEvent(dossierReceived)
  onDossierReceived(event: EventOf<typeof dossierReceived>) {
    return this.recordFacts.execute(factsOf.dossierReceived(event));
  }

  @OnEvent(dossierResolved)
  onDossierResolved(event: EventOf<typeof dossierResolved>) {
    return this.recordFacts.execute(factsOf.dossierResolved(event));
  }

  @OnEvent(dossierOverdue)
  onDossierOverdue(event: EventOf<typeof dossierOverdue>) {
    return this.recordFacts.execute(factsOf.dossierOverdue(event));
  }

  @OnEvent(dossierApologyIssued)
  onDossierApologyIssued(event: EventOf<typeof dossierApologyIssued>) {
    return this.recordFacts.execute(factsOf.dossierApologyIssued(event));
  }

  @OnEvent(petitionResolved)
  onPetitionResolved(event: EventOf<typeof petitionResolved>) {
    return this.recordFacts.execute(factsOf.petitionResolved(event));
  }

  @OnEvent(petitionEscalated)
  onPetitionEscalated(event: EventOf<typeof petitionEscalated>) {
    return this.recordFacts.execute(factsOf.petitionEscalated(event));
  }

  @OnEvent(petitionRated)
  onPetitionRated(event: EventOf<typeof petitionRated>) {
    return this.recordFacts.execute(factsOf.petitionRated(event));
  }

  @OnEvent(pollClosed)
  onPollClosed(event: EventOf<typeof pollClosed>) {
    return this.recordFacts.execute(factsOf.pollClosed(event));
  }

  @OnEvent(receptionSessionHeld)
  onReceptionSessionHeld(event: EventOf<typeof receptionSessionHeld>) {
    return this.recordFacts.execute(factsOf.receptionSessionHeld(event), 'MARK');
  }
}
