import { Injectable, Logger } from '@nestjs/common';
import type { AuthUser } from '@xaso/auth';
import { Outbox } from '@xaso/messaging';
import { TransactionRunner } from '@xaso/persistence';
import * as D from '../domain';
import type { Petition, PetitionAction } from '../domain';
import { PetitionRepository } from './petition.repository.port';
import { actorOf, PetitionAccess } from './petition-access';
import { petitionEvent } from './petition-events';

/** One handling step and its input (classify, accept, refuse, refer, assign, extend, resolve, rate, reopen, withdraw, archive). */
export type PetitionCommand =
  | { action: 'CLASSIFY'; input: D.ClassifyInput }
  | { action: 'ACCEPT'; input: { note?: string; complexity?: D.Complexity; lateFilingReason?: string } }
  | { action: 'REFUSE'; input: { reason: string } }
  | { action: 'REFER'; input: { unitCode?: string; agencyName: string; reason: string; routedFrom?: { unitCode: string; note: string } } }
  | { action: 'ASSIGN'; input: { handlerId: string; decidingLeaderId?: string; note?: string } }
  | { action: 'EXTEND'; input: { reason: string; complexity?: D.Complexity } }
  | { action: 'RESOLVE'; input: { conclusion: string; decisionNumber?: string } }
  | { action: 'RATE'; input: { score: number; comment?: string } }
  | { action: 'REOPEN'; input: { reason: string } }
  | { action: 'WITHDRAW'; input: { reason?: string; items?: string[] } }
  | { action: 'ARCHIVE'; input: { note?: string } };

/**
 * The handling steps (one workflow step per call): loads the petition row-locked, authorizes the
 * caller, applies the state machine, saves the step and its `petition.*` event in one transaction.
 */
@Injectable()
export class ActOnPetition {
  private readonly logger = new Logger('ActOnPetition');

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly petitions: PetitionRepository,
    private readonly outbox: Outbox,
    private readonly access: PetitionAccess,
  ) {}

  /**
   * Runs one workflow step. Staff act within their unit; a citizen acts on their own petition
   * (signed in as its petitioner, or with the tracking secret).
   */
  async execute(user: AuthUser, code: string, command: PetitionCommand, trackingSecret?: string): Promise<Petition> {
    return this.transactions.run(async () => {
      const stored = await this.access.load(code, true);
      const p = stored.petition;
      const actor = actorOf(user);
      const verified = await this.access.authorizeAct(user, actor, p, stored.trackingSecretHash, trackingSecret);
      const ctx = this.access.ctx(actor, { petitionerVerified: verified });
      const next = this.apply(p, await this.withReferralUnit(command), ctx);
      await this.petitions.update(next, stored.version, p.history.length);
      const action: PetitionAction = command.action === 'WITHDRAW' && command.input.items?.length ? 'WITHDRAW_PARTIALLY' : command.action;
      await this.outbox.publish(petitionEvent(next, action, p.status));
      this.logger.log(`petition ${code}: ${action} ${p.status} → ${next.status} by ${actor.role}`);
      return next;
    });
  }

  /** A referral to another unit names a unit in force today (an abolished one's single successor, recorded). */
  private async withReferralUnit(command: PetitionCommand): Promise<PetitionCommand> {
    if (command.action !== 'REFER' || !command.input.unitCode?.trim()) return command;
    const unit = await this.access.resolveUnit('unitCode', command.input.unitCode.trim());
    const routedFrom = unit.routedFromCode ? { unitCode: unit.routedFromCode, note: unit.note ?? '' } : undefined;
    return { action: 'REFER', input: { ...command.input, unitCode: unit.code, routedFrom } };
  }

  private apply(p: Petition, command: PetitionCommand, ctx: D.MachineContext): Petition {
    switch (command.action) {
      case 'CLASSIFY':
        return D.classify(p, command.input, ctx);
      case 'ACCEPT':
        return D.accept(p, command.input, ctx);
      case 'REFUSE':
        return D.refuse(p, command.input, ctx);
      case 'REFER':
        return D.refer(p, command.input, ctx);
      case 'ASSIGN':
        return D.assign(p, command.input, ctx);
      case 'EXTEND':
        return D.extend(p, command.input, ctx);
      case 'RESOLVE':
        return D.resolve(p, command.input, ctx);
      case 'RATE':
        return D.rate(p, command.input, ctx);
      case 'REOPEN':
        return D.reopen(p, command.input, ctx);
      case 'WITHDRAW':
        return command.input.items?.length
          ? D.withdrawPartially(p, { items: command.input.items, reason: command.input.reason }, ctx)
          : D.withdraw(p, command.input, ctx);
      case 'ARCHIVE':
        return D.archive(p, command.input, ctx);
    }
  }
}
