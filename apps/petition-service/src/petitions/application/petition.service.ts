import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ForbiddenError, NotFoundError, ValidationFailedError } from '@xaso/api';
import { type AuthUser, canAccessUnit, Role } from '@xaso/auth';
import { Outbox } from '@xaso/messaging';
import { UnitReplica } from '@xaso/unit-replica';
import { inTransaction } from '@xaso/persistence';
import { DataSource } from 'typeorm';
import * as D from '../domain';
import type { Actor, ActorRole, Petition, PetitionAction, PetitionerIdentity, PetitionStatistics } from '../domain';
import { PetitionRepository, type PetitionListFilter } from '../infrastructure/pg-petition.repository';
import { petitionEvent } from './petition-events';
import { CLOCK, PETITION_CONFIG, translated, type Clock, type PetitionConfig } from './petition.config';

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

export type PetitionCommand =
  | { action: 'CLASSIFY'; input: D.ClassifyInput }
  | { action: 'ACCEPT'; input: { note?: string; complexity?: D.Complexity; lateFilingReason?: string } }
  | { action: 'REFUSE'; input: { reason: string } }
  | { action: 'REFER'; input: { unitCode?: string; agencyName: string; reason: string } }
  | { action: 'ASSIGN'; input: { handlerId: string; decidingLeaderId?: string; note?: string } }
  | { action: 'EXTEND'; input: { reason: string; complexity?: D.Complexity } }
  | { action: 'RESOLVE'; input: { conclusion: string; decisionNumber?: string } }
  | { action: 'RATE'; input: { score: number; comment?: string } }
  | { action: 'REOPEN'; input: { reason: string } }
  | { action: 'WITHDRAW'; input: { reason?: string; items?: string[] } }
  | { action: 'ARCHIVE'; input: { note?: string } };

const STAFF: Role[] = [Role.OFFICER, Role.LEADER, Role.PROVINCE_OFFICER, Role.ADMIN];
const ROLE_PRIORITY: ActorRole[] = ['LEADER', 'OFFICER', 'PROVINCE_OFFICER', 'AGENCY', 'CITIZEN', 'ADMIN'];

/** The domain actor for a signed-in user (the most specific role it holds). */
export function actorOf(user: AuthUser): Actor {
  const role = ROLE_PRIORITY.find((r) => user.roles.includes(r as Role)) ?? 'CITIZEN';
  return { id: user.sub, role };
}

const isStaff = (user: AuthUser) => user.roles.some((r) => STAFF.includes(r));

/** Petition use cases: intake, the handling steps, queries, tracking, statistics, escalation. */
@Injectable()
export class PetitionService {
  private readonly logger = new Logger('PetitionService');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly petitions: PetitionRepository,
    private readonly outbox: Outbox,
    @Inject(PETITION_CONFIG) private readonly config: PetitionConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly units: UnitReplica,
  ) {}

  private ctx(actor: Actor, extra: Partial<D.MachineContext> = {}): D.MachineContext {
    return { actor, at: this.clock.now(), policy: this.config.policy, addDays: this.config.addDays, ...extra };
  }

  // ------------------------------------------------------------------ intake

  async submit(user: AuthUser, command: SubmitPetitionCommand): Promise<SubmitResult> {
    return translated(async () => {
      const actor = actorOf(user);
      if (actor.role === 'OFFICER' || actor.role === 'LEADER') await this.assertUnit(user, command.unitCode);
      if (!/^[0-9A-Za-z.]{1,20}$/.test(command.unitCode ?? '')) {
        throw new ValidationFailedError(`Invalid unit code ${command.unitCode}`, `Mã đơn vị không hợp lệ: ${command.unitCode}`, { field: 'unitCode' });
      }
      // a signed-in citizen is identified by their token when they do not type their identity
      const identity: PetitionerIdentity | undefined =
        command.petitioner ?? (actor.role === 'CITIZEN' && user.name && user.idNumber ? { fullName: user.name, idNumber: user.idNumber } : undefined);
      const identified = D.isIdentified(identity);
      const petitionerKey = identified && identity?.idNumber ? this.config.cipher.blindIndex(identity.idNumber) : undefined;
      const at = this.clock.now();
      const secret = D.generateTrackingSecret();

      return inTransaction(this.dataSource, async () => {
        const seq = await this.petitions.nextSequence(command.unitCode, D.sequenceDay(at));
        const code = D.petitionCode(command.unitCode, at, seq);
        let petition = D.submitPetition(
          {
            code,
            unitCode: command.unitCode,
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
          this.ctx(actor),
        );
        const events = [petitionEvent(petition, 'SUBMIT', null)];
        // duplicate detection: link instead of opening a new case
        const since = new Date(at.getTime() - 30 * 86_400_000);
        const candidates = await this.petitions.duplicateCandidates(command.unitCode, petition.petitionerKey, petition.category, since);
        const match = D.bestDuplicate(
          { kind: petition.kind, petitionerKey: petition.petitionerKey, content: petition.content, title: petition.title, category: petition.category, location: petition.location, receivedAt: at },
          candidates,
        );
        let linkedTo: string | undefined;
        if (match) {
          const system = this.ctx({ id: 'duplicate-detector', role: 'SYSTEM' });
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
    });
  }

  // ------------------------------------------------------------------ handling steps

  /**
   * Runs one workflow step. Staff act within their unit; a citizen acts on their own petition
   * (signed in as its petitioner, or with the tracking secret).
   */
  async act(user: AuthUser, code: string, command: PetitionCommand, trackingSecret?: string): Promise<Petition> {
    return translated(() =>
      inTransaction(this.dataSource, async () => {
        const stored = await this.load(code, true);
        const p = stored.petition;
        const actor = actorOf(user);
        const verified = await this.authorizeAct(user, actor, p, stored.trackingSecretHash, trackingSecret);
        const ctx = this.ctx(actor, { petitionerVerified: verified });
        const next = this.apply(p, command, ctx);
        await this.petitions.update(next, stored.version, p.history.length);
        const action: PetitionAction = command.action === 'WITHDRAW' && command.input.items?.length ? 'WITHDRAW_PARTIALLY' : command.action;
        await this.outbox.publish(petitionEvent(next, action, p.status));
        this.logger.log(`petition ${code}: ${action} ${p.status} → ${next.status} by ${actor.role}`);
        return next;
      }),
    );
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

  /**
   * Second-time complaint: closes the first-time case (APPEALED) and opens a new one at the next
   * level (`toUnitCode`), with the same (re-encrypted) petitioner identity.
   */
  async appeal(user: AuthUser, code: string, input: { reason: string; toUnitCode: string; content?: string }, trackingSecret?: string): Promise<SubmitResult> {
    return translated(() =>
      inTransaction(this.dataSource, async () => {
        const stored = await this.load(code, true);
        const first = stored.petition;
        const actor = actorOf(user);
        const verified = await this.authorizeAct(user, actor, first, stored.trackingSecretHash, trackingSecret);
        const appealed = D.appeal(first, { reason: input.reason }, this.ctx(actor, { petitionerVerified: verified }));
        await this.petitions.update(appealed, stored.version, first.history.length);
        const at = this.clock.now();
        const seq = await this.petitions.nextSequence(input.toUnitCode, D.sequenceDay(at));
        const secondCode = D.petitionCode(input.toUnitCode, at, seq);
        const second = D.submitPetition(
          D.secondTimeComplaintInput(appealed, { code: secondCode, unitCode: input.toUnitCode, channel: 'ONLINE', content: input.content }),
          this.ctx(actor.role === 'CITIZEN' ? actor : { id: actor.id, role: 'OFFICER' }),
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
      }),
    );
  }

  /**
   * The deadline scheduler: announces `petition.due-soon` once per due date and escalates every
   * overdue open petition to the commune chairperson (`petition.escalated`, once per due date).
   * Set-based and safe with several instances: each batch locks its rows FOR UPDATE SKIP LOCKED,
   * so two schedulers never handle the same petition twice.
   */
  async scanDeadlines(batch = 200): Promise<{ dueSoon: string[]; escalated: string[] }> {
    const out = { dueSoon: [] as string[], escalated: [] as string[] };
    const now = this.clock.now();
    const today = D.toLocalDate(now);
    const horizon = D.addCalendarDays(today, this.config.policy.dueSoonDays);
    const system = this.ctx({ id: 'deadline-scheduler', role: 'SYSTEM' }, { at: now });
    for (;;) {
      const { found, changed } = await translated(() =>
        inTransaction(this.dataSource, async () => {
          const rows = await this.petitions.lockDeadlineCandidates(today, horizon, batch);
          const events = [];
          for (const s of rows) {
            const mark = D.markDeadline(s.petition, now, this.config.policy);
            if (!mark) continue;
            let next: Petition;
            if (mark.needsEscalation) {
              next = D.escalate(s.petition, system);
              events.push(petitionEvent(next, 'ESCALATE', s.petition.status, { stage: mark.stage, overdueSince: mark.due }));
              out.escalated.push(next.code);
            } else if (mark.needsDueSoonNotice) {
              next = D.markDueSoon(s.petition, system);
              events.push(petitionEvent(next, 'MARK_DUE_SOON', s.petition.status, { stage: mark.stage, due: mark.due, daysLeft: mark.daysLeft }));
              out.dueSoon.push(next.code);
            } else {
              continue;
            }
            await this.petitions.update(next, s.version, s.historyLength, 0);
          }
          if (events.length) await this.outbox.publish(events);
          return { found: rows.length, changed: events.length };
        }),
      );
      if (found < batch || changed === 0) return out;
    }
  }

  /** Escalates every overdue open petition (and announces the due-soon ones); returns the escalated codes. */
  async escalateOverdue(): Promise<string[]> {
    return (await this.scanDeadlines()).escalated;
  }

  // ------------------------------------------------------------------ queries

  async get(user: AuthUser, code: string): Promise<Petition> {
    const stored = await this.load(code);
    await this.assertCanView(user, stored.petition);
    return stored.petition;
  }

  async list(user: AuthUser, filter: PetitionListFilter, offset: number, limit: number): Promise<{ nodes: Petition[]; totalCount: number }> {
    const f = { ...filter };
    if (user.roles.includes(Role.ADMIN)) {
      // everything
    } else if (isStaff(user)) {
      f.unitCode = f.unitCode ?? user.unitCode;
      if (!f.unitCode) throw new ForbiddenError();
      await this.assertUnit(user, f.unitCode);
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
      if (!D.isLocalDate(from) || !D.isLocalDate(to) || to < from) {
        throw new ValidationFailedError('from/to must be dates with from ≤ to', 'Khoảng thời gian không hợp lệ', { field: 'to' });
      }
      if (!isStaff(user)) throw new ForbiddenError();
      await this.assertUnit(user, unitCode);
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
    return inTransaction(this.dataSource, async () => {
      const stored = await this.petitions.loadIdentity(p.code);
      if (!stored) return null;
      await this.petitions.logIdentityAccess(p.code, user.sub, actorOf(user).role, purpose);
      return this.config.cipher.decrypt(stored.ciphertext, p.code);
    });
  }

  identityAccessLog(user: AuthUser, code: string) {
    return translated(async () => {
      const { petition } = await this.load(code);
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
      await inTransaction(this.dataSource, async () => {
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
      if (!D.isLocalDate(from) || !D.isLocalDate(to) || to < from) {
        throw new ValidationFailedError('from/to must be dates with from ≤ to', 'Khoảng thời gian không hợp lệ', { field: 'to' });
      }
      if (!isStaff(user)) throw new ForbiddenError();
      await this.assertUnit(user, unitCode);
      const rows = await this.petitions.forStatistics(unitCode, from, to);
      return { unitCode, ...D.computeStatistics(rows, { from, to }, this.clock.now()) };
    });
  }

  // ------------------------------------------------------------------ access helpers

  private async load(code: string, forUpdate = false) {
    const stored = await this.petitions.findByCode(code, forUpdate);
    if (!stored) throw new NotFoundError('Petition', 'đơn', code);
    return stored;
  }

  /** Unit scope; a PROVINCE_OFFICER reaches every unit of their province (province from the admin-unit replica). */
  private async canUnit(user: AuthUser, unitCode: string): Promise<boolean> {
    if (canAccessUnit(user, unitCode)) return true;
    if (!user.roles.includes(Role.PROVINCE_OFFICER)) return false;
    return canAccessUnit(user, unitCode, { provinceCodeOfUnit: await this.units.provinceOf(unitCode) });
  }

  private async assertUnit(user: AuthUser, unitCode: string): Promise<void> {
    if (!(await this.canUnit(user, unitCode))) {
      throw new ForbiddenError(`You may not act on unit ${unitCode}`, `Không có quyền với đơn vị ${unitCode}`, 'OUT_OF_UNIT_SCOPE');
    }
  }

  private async assertCanView(user: AuthUser, p: Petition): Promise<void> {
    if (isStaff(user) && (await this.canUnit(user, p.unitCode))) return;
    if (user.roles.includes(Role.CITIZEN) && p.petitionerUserId === user.sub) return;
    throw new ForbiddenError('You may not view this petition', 'Không có quyền xem đơn này');
  }

  /** Returns whether a CITIZEN actor was verified as the petitioner by the tracking secret. */
  private async authorizeAct(user: AuthUser, actor: Actor, p: Petition, secretHash: string, trackingSecret?: string): Promise<boolean> {
    if (actor.role === 'CITIZEN') {
      if (trackingSecret) {
        if (!D.verifyTrackingSecret(trackingSecret, secretHash)) throw new ForbiddenError('Wrong tracking secret', 'Mã tra cứu không đúng');
        return true;
      }
      return false; // the domain accepts the signed-in petitioner (petitionerUserId) and refuses others
    }
    if (actor.role === 'AGENCY') throw new ForbiddenError();
    await this.assertUnit(user, p.unitCode);
    return false;
  }
}
