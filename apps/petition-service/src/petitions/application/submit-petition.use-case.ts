import { Inject, Injectable, Logger } from '@nestjs/common';
import { Outbox } from '@xaso/messaging';
import { TransactionRunner } from '@xaso/persistence';
import { ValidationFailedError } from '@xaso/api';
import type { AuthUser } from '@xaso/auth';
import { todayInVietnam } from '@xaso/calendar';
import * as D from '../domain';
import type { Petition, PetitionerIdentity } from '../domain';
import { PetitionRepository } from './petition.repository.port';
import { actorOf, PetitionAccess } from './petition-access';
import { petitionEvent } from './petition-events';
import { PETITION_CONFIG, type PetitionConfig } from './petition.config';

export interface SubmitPetitionCommand {
  unitCode: string;
  kind: D.SubmittableKind;
  channel: D.PetitionChannel;
  title: string;
  content: string;
  category?: string;
  location?: D.GeoPoint;
  petitioner?: PetitionerIdentity;
  petitionerCount?: number;
  remoteArea?: boolean;
  /** Complaint: day of the act or decision complained about (90-day filing limit). */
  actDate?: string;
}

export interface SubmitResult {
  petition: Petition;
  /** Shown once to the petitioner; only its hash is stored. */
  trackingSecret: string;
  /** Set when the submission duplicated an existing case and was linked to it. */
  linkedTo?: string;
}

/**
 * Intake (any channel): takes the unit by the shared unit rule (a unit on the day of filing; an
 * abolished one's single successor, recorded), numbers the petition per unit and day, records it (an anonymous
 * denunciation as information), links a duplicate to the existing case instead of opening a new
 * one, stores the identity encrypted and announces `petition.received` — one transaction.
 */
@Injectable()
export class SubmitPetition {
  private readonly logger = new Logger('SubmitPetition');

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly petitions: PetitionRepository,
    private readonly outbox: Outbox,
    private readonly access: PetitionAccess,
    @Inject(PETITION_CONFIG) private readonly config: PetitionConfig,
  ) {}

  async execute(user: AuthUser, command: SubmitPetitionCommand): Promise<SubmitResult> {
    const actor = actorOf(user);
    if (!/^[0-9A-Za-z.]{1,20}$/.test(command.unitCode ?? '')) {
      throw new ValidationFailedError(`Invalid unit code ${command.unitCode}`, `Mã đơn vị không hợp lệ: ${command.unitCode}`, { field: 'unitCode' });
    }
    const at = this.access.now();
    const unit = await this.access.resolveUnit('unitCode', command.unitCode, todayInVietnam(at));
    const unitCode = unit.code;
    if (actor.role === 'OFFICER' || actor.role === 'LEADER') await this.access.assertUnit(user, unitCode);
    // a signed-in citizen is identified by their token when they do not type their identity
    const identity: PetitionerIdentity | undefined =
      command.petitioner ?? (actor.role === 'CITIZEN' && user.name && user.idNumber ? { fullName: user.name, idNumber: user.idNumber } : undefined);
    const identified = D.isIdentified(identity);
    const petitionerKey = identified && identity?.idNumber ? this.config.cipher.blindIndex(identity.idNumber) : undefined;
    const secret = D.generateTrackingSecret();

    return this.transactions.run(async () => {
      const seq = await this.petitions.nextSequence(unitCode, D.sequenceDay(at));
      const code = D.petitionCode(unitCode, at, seq);
      let petition = D.submitPetition(
        {
          code,
          unitCode,
          routedFrom: unit.routedFromCode ? { unitCode: unit.routedFromCode, note: unit.note ?? '' } : undefined,
          kind: command.kind,
          channel: command.channel,
          title: command.title,
          content: command.content,
          category: command.category,
          location: command.location,
          identified,
          petitionerKey,
          petitionerUserId: actor.role === 'CITIZEN' ? user.sub : undefined,
          petitionerCount: command.petitionerCount,
          remoteArea: command.remoteArea,
          actDate: command.actDate,
        },
        this.access.ctx(actor),
      );
      const events = [petitionEvent(petition, 'SUBMIT', null)];
      // duplicate detection: link instead of opening a new case
      const since = new Date(at.getTime() - 30 * 86_400_000);
      const candidates = await this.petitions.duplicateCandidates(unitCode, petition.petitionerKey, petition.category, since);
      const match = D.bestDuplicate(
        { kind: petition.kind, petitionerKey: petition.petitionerKey, content: petition.content, title: petition.title, category: petition.category, location: petition.location, receivedAt: at },
        candidates,
      );
      let linkedTo: string | undefined;
      if (match) {
        const system = this.access.ctx({ id: 'duplicate-detector', role: 'SYSTEM' });
        petition = D.linkDuplicate(petition, { mainCode: match.code, score: match.score }, system);
        events.push(petitionEvent(petition, 'LINK_DUPLICATE', 'RECEIVED'));
        const main = await this.petitions.findByCode(match.code, true);
        if (main) {
          const updated = D.registerDuplicate(main.petition, { duplicateCode: code, petitionerKey: petition.petitionerKey, petitionerCount: petition.petitionerCount }, system);
          await this.petitions.update(updated, main.version, main.petition.history.length);
          if (D.raisedFlags(main.petition, updated).length) events.push(petitionEvent(updated, 'REGISTER_DUPLICATE', updated.status));
        }
        linkedTo = match.code;
      }
      await this.petitions.insert(petition, D.hashTrackingSecret(secret));
      if (identity) {
        const ct = this.config.cipher.encrypt(identity, code);
        await this.petitions.saveIdentity(code, this.config.cipher.keyIdOf(ct), ct);
      }
      await this.outbox.publish(events);
      this.logger.log(`petition ${code} received (${petition.kind}, ${petition.channel})${linkedTo ? ` linked to ${linkedTo}` : ''}`);
      return { petition, trackingSecret: secret, linkedTo };
    });
  }
}
