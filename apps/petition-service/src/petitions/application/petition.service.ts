import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, ValidationFailedError } from '@xaso/api';
import { type AuthUser, canAccessUnit, Role } from '@xaso/auth';
import { isValidLocalDate } from '@xaso/calendar';
import { TransactionRunner } from '@xaso/persistence';
import * as D from '../domain';
import type { Petition, PetitionerIdentity, PetitionStatistics } from '../domain';
import { PetitionRepository, type PetitionListFilter } from './petition.repository.port';
import { ActOnPetition, type PetitionCommand } from './act-on-petition.use-case';
import { AppealPetition } from './appeal-petition.use-case';
import { actorOf, isStaff, PetitionAccess } from './petition-access';
import { PETITION_CONFIG, translated, type PetitionConfig } from './petition.config';
import { ScanDeadlines } from './scan-deadlines.use-case';
import { SubmitPetition, type SubmitPetitionCommand, type SubmitResult } from './submit-petition.use-case';

export { actorOf } from './petition-access';
export type { PetitionCommand } from './act-on-petition.use-case';
export type { SubmitPetitionCommand, SubmitResult } from './submit-petition.use-case';

/**
 * The petition application's entry point for the API: intake, the handling steps, the appeal and
 * the deadline scan are use-case classes (one `execute()` each) that this facade delegates to;
 * the read side (queries, tracking, the confidential identity, statistics, key rotation) is here.
 */
@Injectable()
export class PetitionService {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly petitions: PetitionRepository,
    @Inject(PETITION_CONFIG) private readonly config: PetitionConfig,
    private readonly access: PetitionAccess,
    private readonly submitPetition: SubmitPetition,
    private readonly actOnPetition: ActOnPetition,
    private readonly appealPetition: AppealPetition,
    private readonly deadlines: ScanDeadlines,
  ) {}

  // ------------------------------------------------------------------ use cases

  submit(user: AuthUser, command: SubmitPetitionCommand): Promise<SubmitResult> {
    return this.submitPetition.execute(user, command);
  }

  /** One handling step (classify … archive). */
  act(user: AuthUser, code: string, command: PetitionCommand, trackingSecret?: string): Promise<Petition> {
    return this.actOnPetition.execute(user, code, command, trackingSecret);
  }

  /** Second-time complaint to the next level. */
  appeal(user: AuthUser, code: string, input: { reason: string; toUnitCode: string; content?: string }, trackingSecret?: string): Promise<SubmitResult> {
    return this.appealPetition.execute(user, code, input, trackingSecret);
  }

  /** The deadline scheduler (due-soon notices, escalation). */
  scanDeadlines(batch = 200): Promise<{ dueSoon: string[]; escalated: string[] }> {
    return this.deadlines.execute(batch);
  }

  /** Escalates every overdue open petition (and announces the due-soon ones); returns the escalated codes. */
  async escalateOverdue(): Promise<string[]> {
    return (await this.deadlines.execute()).escalated;
  }

  // ------------------------------------------------------------------ queries

  async get(user: AuthUser, code: string): Promise<Petition> {
    const stored = await this.access.load(code);
    await this.access.assertCanView(user, stored.petition);
    return stored.petition;
  }

  async list(user: AuthUser, filter: PetitionListFilter, offset: number, limit: number): Promise<{ nodes: Petition[]; totalCount: number }> {
    const f = { ...filter };
    if (user.roles.includes(Role.ADMIN)) {
      // everything
    } else if (isStaff(user)) {
      f.unitCode = f.unitCode ?? user.unitCode;
      if (!f.unitCode) throw new ForbiddenError();
      await this.access.assertUnit(user, f.unitCode);
    } else if (user.roles.includes(Role.CITIZEN)) {
      f.petitionerUserId = user.sub;
    } else {
      throw new ForbiddenError();
    }
    return this.petitions.list(f, offset, limit);
  }

  /** Export rows (no personal data: see `toCsv`) of a unit's petitions received in a period; staff of the unit only. */
  async exportPeriod(user: AuthUser, unitCode: string, from: string, to: string, limit = 10_000): Promise<{ nodes: Petition[]; truncated: boolean }> {
    return translated(async () => {
      if (!isValidLocalDate(from) || !isValidLocalDate(to) || to < from) {
        throw new ValidationFailedError('from/to must be dates with from ≤ to', 'Khoảng thời gian không hợp lệ', { field: 'to' });
      }
      if (!isStaff(user)) throw new ForbiddenError();
      await this.access.assertUnit(user, unitCode);
      return this.petitions.receivedInPeriod(unitCode, from, to, limit);
    });
  }

  history(code: string): Promise<D.HistoryEntry[]> {
    return this.petitions.history(code);
  }

  /** Public tracking with the secret given at intake. Wrong code or secret → null (no oracle). */
  async track(code: string, trackingSecret: string): Promise<Petition | null> {
    const stored = await this.petitions.findByCode(code);
    if (!stored || !D.verifyTrackingSecret(trackingSecret, stored.trackingSecretHash)) return null;
    return stored.petition;
  }

  /**
   * The petitioner's identity, for the assigned handler and the deciding leader only. Every read
   * is written to the access log (in the same transaction). Others get `null`.
   */
  async readIdentity(user: AuthUser, p: Petition, purpose = 'view'): Promise<PetitionerIdentity | null> {
    if (!D.canReadIdentity(p, actorOf(user)) || !canAccessUnit(user, p.unitCode)) return null;
    return this.transactions.run(async () => {
      const stored = await this.petitions.loadIdentity(p.code);
      if (!stored) return null;
      await this.petitions.logIdentityAccess(p.code, user.sub, actorOf(user).role, purpose);
      return this.config.cipher.decrypt(stored.ciphertext, p.code);
    });
  }

  identityAccessLog(user: AuthUser, code: string) {
    return translated(async () => {
      const { petition } = await this.access.load(code);
      if (!user.roles.includes(Role.ADMIN) && !(user.roles.includes(Role.LEADER) && canAccessUnit(user, petition.unitCode))) throw new ForbiddenError();
      return this.petitions.identityAccessLog(code);
    });
  }

  /** Re-encrypts identities under older keys with the current key; returns how many were rotated. */
  async rotateIdentityKeys(batch = 500): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await this.petitions.identitiesNotUnderKey(this.config.cipher.currentKeyId, batch);
      if (!rows.length) return total;
      await this.transactions.run(async () => {
        for (const r of rows) {
          const ct = this.config.cipher.rotate(r.ciphertext, r.code);
          await this.petitions.saveIdentity(r.code, this.config.cipher.keyIdOf(ct), ct);
        }
      });
      total += rows.length;
    }
  }

  async statistics(user: AuthUser, unitCode: string, from: string, to: string): Promise<PetitionStatistics & { unitCode: string }> {
    return translated(async () => {
      if (!isValidLocalDate(from) || !isValidLocalDate(to) || to < from) {
        throw new ValidationFailedError('from/to must be dates with from ≤ to', 'Khoảng thời gian không hợp lệ', { field: 'to' });
      }
      if (!isStaff(user)) throw new ForbiddenError();
      await this.access.assertUnit(user, unitCode);
      const rows = await this.petitions.forStatistics(unitCode, from, to);
      return { unitCode, ...D.computeStatistics(rows, { from, to }, this.access.now()) };
    });
  }
}
