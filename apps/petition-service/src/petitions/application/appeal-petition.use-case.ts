import { Inject, Injectable } from '@nestjs/common';
import { Outbox } from '@xaso/messaging';
import { TransactionRunner } from '@xaso/persistence';
import type { AuthUser } from '@xaso/auth';
import { todayInVietnam } from '@xaso/calendar';
import * as D from '../domain';
import { PetitionRepository } from './petition.repository.port';
import { actorOf, PetitionAccess } from './petition-access';
import { petitionEvent } from './petition-events';
import { PETITION_CONFIG, type PetitionConfig } from './petition.config';
import type { SubmitResult } from './submit-petition.use-case';

@Injectable()
export class AppealPetition {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly petitions: PetitionRepository,
    private readonly outbox: Outbox,
    private readonly access: PetitionAccess,
    @Inject(PETITION_CONFIG) private readonly config: PetitionConfig,
  ) {}

  /**
   * Second-time complaint: closes the first-time case (APPEALED) and opens a new one at the next
   * level (`toUnitCode`, by the shared unit rule), with the same (re-encrypted) petitioner identity.
   */
  async execute(user: AuthUser, code: string, input: { reason: string; toUnitCode: string; content?: string }, trackingSecret?: string): Promise<SubmitResult> {
    return this.transactions.run(async () => {
      const stored = await this.access.load(code, true);
      const first = stored.petition;
      const actor = actorOf(user);
      const verified = await this.access.authorizeAct(user, actor, first, stored.trackingSecretHash, trackingSecret);
      const appealed = D.appeal(first, { reason: input.reason }, this.access.ctx(actor, { petitionerVerified: verified }));
      await this.petitions.update(appealed, stored.version, first.history.length);
      const at = this.access.now();
      const to = await this.access.resolveUnit('toUnitCode', input.toUnitCode, todayInVietnam(at));
      const routedFrom = to.routedFromCode ? { unitCode: to.routedFromCode, note: to.note ?? '' } : undefined;
      const seq = await this.petitions.nextSequence(to.code, D.sequenceDay(at));
      const secondCode = D.petitionCode(to.code, at, seq);
      const second = D.submitPetition(
        D.secondTimeComplaintInput(appealed, { code: secondCode, unitCode: to.code, channel: 'ONLINE', content: input.content, routedFrom }),
        this.access.ctx(actor.role === 'CITIZEN' ? actor : { id: actor.id, role: 'OFFICER' }),
      );
      const secret = D.generateTrackingSecret();
      await this.petitions.insert(second, D.hashTrackingSecret(secret));
      const identity = await this.petitions.loadIdentity(code);
      if (identity) {
        const plain = this.config.cipher.decrypt(identity.ciphertext, code);
        const ct = this.config.cipher.encrypt(plain, secondCode);
        await this.petitions.saveIdentity(secondCode, this.config.cipher.keyIdOf(ct), ct);
      }
      await this.outbox.publish([petitionEvent(appealed, 'APPEAL', first.status), petitionEvent(second, 'SUBMIT', null)]);
      return { petition: second, trackingSecret: secret };
    });
  }
}
