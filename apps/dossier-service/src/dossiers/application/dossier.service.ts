import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AppError, ForbiddenError, NotFoundError, ValidationFailedError } from '@xaso/api';
import { type AuthUser, Role } from '@xaso/auth';
import { classifyResolution, toLocalDate } from '@xaso/calendar';
import { Outbox } from '@xaso/messaging';
import { currentCorrelationId } from '@xaso/observability';
import { inTransaction } from '@xaso/persistence';
import { CalendarService } from '../../calendar/calendar.service';
import { CLOCK, type Clock } from '../../common/clock';
import { DOSSIER_OPTIONS, type DossierServiceOptions } from '../../common/tokens';
import { ProcedureRepository } from '../../procedures/infrastructure/procedure.repository';
import {
  type AttachmentRecord,
  type Channel,
  type DossierChanges,
  type DossierListFilter,
  type DossierRecord,
  DossierRepository,
} from '../infrastructure/dossier.repository';
import {
  type Actor,
  assertValidIdNumber,
  type DossierCommand,
  type DossierHistoryEntry,
  formatDossierCode,
  idNumberLast4Matches,
  transition,
} from '../domain';
import { DossierAccess, isApplicant, unitsOf } from './dossier-access';
import { applicantIdOf, applyCommand, domainCall, isOverdueRecord, pickRole, shownDueAt, toAppError } from './domain-bridge';

export interface AttachmentInput {
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface SubmitDossierCommand {
  procedureCode: string;
  receivingUnitCode: string;
  competentUnitCode?: string | null;
  channel: Channel;
  applicant: { fullName: string; idNumber: string; phone?: string | null; email?: string | null; address?: string | null };
  formData?: Record<string, unknown> | null;
  attachments?: AttachmentInput[] | null;
  /** Staff at receipt: verification is needed, so the procedure's longer legal time applies (`maxProcessingDays`). */
  needsVerification?: boolean | null;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The dossier use cases. Each change runs in one transaction: read, authorise, ask the pure
 * state machine, write with optimistic locking (version), append history, publish `dossier.*`
 * through the outbox.
 */
@Injectable()
export class DossierService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dossiers: DossierRepository,
    private readonly procedures: ProcedureRepository,
    private readonly calendar: CalendarService,
    private readonly access: DossierAccess,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(DOSSIER_OPTIONS) private readonly options: DossierServiceOptions,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  // ---------------------------------------------------------------- reads

  async get(user: AuthUser, code: string): Promise<DossierRecord | null> {
    const dossier = await this.dossiers.findByCode(code);
    if (!dossier) return null;
    if (!(await this.access.canSee(user, dossier))) {
      throw new ForbiddenError(`You may not see dossier ${code}`, `Bạn không được xem hồ sơ ${code}`, 'OUT_OF_UNIT_SCOPE');
    }
    return dossier;
  }

  async list(user: AuthUser, filter: Omit<DossierListFilter, 'now'>, offset: number, limit: number) {
    if (filter.unitCode && !user.roles.includes(Role.CITIZEN)) await this.access.assertStaffUnit(user, filter.unitCode);
    return this.dossiers.list(this.access.scopeFor(user), { ...filter, now: this.now() }, offset, limit);
  }

  /** Public tracking: the dossier when the last 4 digits of the applicant's ID number match, else null. */
  async track(code: string, idNumberLast4: string): Promise<DossierRecord | null> {
    if (!/^\d{4}$/.test(idNumberLast4)) {
      throw new ValidationFailedError('idNumberLast4 must be 4 digits', 'Phải nhập 4 chữ số cuối của số định danh', {
        field: 'idNumberLast4',
      });
    }
    const dossier = await this.dossiers.findByCode(code);
    if (!dossier || !idNumberLast4Matches(dossier.applicant.idNumber, idNumberLast4)) return null;
    return dossier;
  }

  isOverdue(d: DossierRecord, now = this.now()): boolean {
    return isOverdueRecord(d, now);
  }

  // ---------------------------------------------------------------- submit

  async submit(user: AuthUser, input: SubmitDossierCommand): Promise<DossierRecord> {
    domainCall(() => assertValidIdNumber(input.applicant.idNumber ?? ''));
    for (const [i, a] of (input.attachments ?? []).entries()) this.checkAttachment(a, `attachments.${i}`);
    const procedure = await this.procedures.find(input.procedureCode);
    if (!procedure || !procedure.active) {
      throw new AppError(
        'UNKNOWN_PROCEDURE',
        `Unknown or inactive procedure ${input.procedureCode}`,
        `Thủ tục ${input.procedureCode} không tồn tại hoặc đã ngừng áp dụng`,
        422,
        { field: 'procedureCode' },
      );
    }
    const competentUnitCode = input.competentUnitCode || input.receivingUnitCode;
    const staffRoles = user.roles.filter((r) => r !== Role.CITIZEN);
    const asCitizen = input.channel === 'ONLINE' && user.roles.includes(Role.CITIZEN);
    const role = asCitizen ? 'CITIZEN' : pickRole(staffRoles.length ? staffRoles : user.roles, 'RECEIVE');
    if (role === 'CITIZEN' && user.idNumber && user.idNumber !== input.applicant.idNumber) {
      throw new ForbiddenError('Citizens submit dossiers in their own name', 'Công dân chỉ nộp hồ sơ đứng tên mình', 'NOT_APPLICANT');
    }
    if (role !== 'CITIZEN' && staffRoles.length) await this.access.assertStaffUnit(user, input.receivingUnitCode);
    if (input.needsVerification && role === 'CITIZEN') {
      throw new ForbiddenError(
        'Only the receiving officer records that verification is needed',
        'Chỉ cán bộ tiếp nhận mới xác định hồ sơ cần xác minh',
        'ROLE_NOT_ALLOWED',
      );
    }
    const processingDays =
      input.needsVerification && procedure.maxProcessingDays != null ? procedure.maxProcessingDays : procedure.processingDays;
    await this.access.checkUnits(input.receivingUnitCode, competentUnitCode);

    return inTransaction(this.dataSource, async () => {
      const now = this.now();
      const sequence = await this.dossiers.nextSequence(input.receivingUnitCode, toLocalDate(now));
      const code = domainCall(() => formatDossierCode(input.receivingUnitCode, now, sequence));
      const applicant = {
        sub: role === 'CITIZEN' ? user.sub : null,
        fullName: input.applicant.fullName,
        idNumber: input.applicant.idNumber,
        phone: input.applicant.phone ?? null,
        email: input.applicant.email ?? null,
        address: input.applicant.address ?? null,
      };
      const id = uuidv7();
      const result = transition(
        null,
        {
          type: 'RECEIVE',
          dossier: {
            id,
            code,
            procedureCode: procedure.code,
            applicantId: applicantIdOf({ applicant }),
            channel: input.channel,
            receivingUnitCode: input.receivingUnitCode,
            competentUnitCode,
            processingUnitCode: competentUnitCode,
            workingDays: processingDays,
          },
          note: `channel ${input.channel}`,
        },
        { id: role === 'CITIZEN' ? user.sub : user.sub, role },
        now,
        { deadlines: this.calendar.deadlines },
      );
      if (!result.ok) throw toAppError(result.error);
      const s = result.state;
      const dossier: DossierRecord = {
        id,
        code,
        procedureCode: procedure.code,
        status: s.status,
        channel: input.channel,
        receivingUnitCode: s.receivingUnitCode,
        competentUnitCode: s.competentUnitCode,
        processingUnitCode: s.processingUnitCode,
        applicant,
        formData: input.formData ?? {},
        processingDays,
        receivedAt: s.receivedAt,
        dueAt: s.dueAt,
        originalDueAt: s.dueAt,
        pausedSince: null,
        pauses: [],
        completedAt: null,
        returnedAt: null,
        closedAt: null,
        resultNote: null,
        apology: null,
        overdueFlaggedAt: null,
        dueSoonFlaggedAt: null,
        version: 1,
      };
      await this.dossiers.insert(dossier);
      await this.dossiers.addAttachments(this.attachmentRecords(dossier.id, null, input.attachments ?? [], now));
      await this.history(dossier.id, result.entry, user);
      await this.publish('dossier.received', dossier, null, role, { processingDays: dossier.processingDays });
      return dossier;
    });
  }

  // ---------------------------------------------------------------- transitions

  startProcessing(user: AuthUser, code: string, note?: string | null) {
    return this.act(user, code, { type: 'START_PROCESSING', note: note ?? undefined }, 'dossier.processing-started');
  }

  requestSupplement(user: AuthUser, code: string, reason: string, items: string[]) {
    if (!items.length || items.some((i) => !i.trim())) {
      throw new ValidationFailedError('List at least one missing item', 'Phải nêu ít nhất một thành phần cần bổ sung', { field: 'items' });
    }
    return this.act(user, code, { type: 'REQUEST_SUPPLEMENT', note: reason }, 'dossier.supplement-requested', {
      after: async (d, now) => {
        await this.dossiers.addSupplementRequest({
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
    });
  }

  provideSupplement(user: AuthUser, code: string, note: string | null, attachments: AttachmentInput[]) {
    attachments.forEach((a, i) => this.checkAttachment(a, `attachments.${i}`));
    return this.act(user, code, { type: 'PROVIDE_SUPPLEMENT', note: note ?? undefined }, 'dossier.supplement-provided', {
      after: async (d, now) => {
        const requestId = await this.dossiers.closeSupplementRequest(d.id, now, note);
        await this.dossiers.addAttachments(this.attachmentRecords(d.id, requestId, attachments, now));
        return { attachmentCount: attachments.length };
      },
    });
  }

  completeProcessing(user: AuthUser, code: string, resultNote: string) {
    return this.act(user, code, { type: 'COMPLETE', note: resultNote }, 'dossier.resolved', {
      changes: { resultNote },
      after: async (d) => ({ completedAt: d.completedAt!.toISOString(), timeliness: classifyResolution(d.dueAt, d.completedAt!) }),
    });
  }

  returnResult(user: AuthUser, code: string) {
    return this.act(user, code, { type: 'RETURN' }, 'dossier.returned', {
      after: async (d) => ({ returnedAt: d.returnedAt!.toISOString() }),
    });
  }

  refuse(user: AuthUser, code: string, reason: string) {
    return this.act(user, code, { type: 'REFUSE', note: reason }, 'dossier.refused', { after: async () => ({ reason }) });
  }

  stop(user: AuthUser, code: string, reason: string) {
    return this.act(user, code, { type: 'STOP', note: reason }, 'dossier.stopped', { after: async () => ({ reason }) });
  }

  withdraw(user: AuthUser, code: string, reason: string | null) {
    return this.act(user, code, { type: 'WITHDRAW', note: reason ?? undefined }, 'dossier.withdrawn');
  }

  issueApology(user: AuthUser, code: string, reason: string, newDueAt: Date) {
    return this.act(user, code, { type: 'ISSUE_APOLOGY', note: reason, newDueAt }, 'dossier.apology-issued', {
      after: async (d) => ({
        reason,
        originalDueAt: d.apology!.previousDueAt.toISOString(),
        newDueAt: d.apology!.newDueAt.toISOString(),
      }),
    });
  }

  transfer(user: AuthUser, code: string, toUnitCode: string, reason: string) {
    return this.act(user, code, { type: 'TRANSFER', toUnitCode, note: reason }, 'dossier.transferred', {
      before: async (d) => {
        // Transfers go from the unit that processes the dossier, within the receiving centre's province.
        await this.access.assertStaffUnit(user, d.processingUnitCode);
        await this.access.checkUnits(d.receivingUnitCode, toUnitCode);
      },
      after: async (_d, _now, previous) => ({ fromUnitCode: previous.processingUnitCode, toUnitCode, reason }),
    });
  }

  // ---------------------------------------------------------------- internals

  /**
   * One transition: read, authorise (unit scope / applicant), let the domain decide, UPDATE with
   * the version read (CONFLICT when someone else won), record history, publish.
   */
  private async act(
    user: AuthUser,
    code: string,
    command: DossierCommand,
    eventType: string,
    options: {
      changes?: DossierChanges;
      before?: (d: DossierRecord) => Promise<void>;
      after?: (updated: DossierRecord, now: Date, previous: DossierRecord) => Promise<Record<string, unknown>>;
    } = {},
  ): Promise<DossierRecord> {
    return inTransaction(this.dataSource, async () => {
      const dossier = await this.dossiers.findByCode(code);
      if (!dossier) throw new NotFoundError('Dossier', 'hồ sơ', code);
      const actor = await this.actorFor(user, dossier, command.type);
      await options.before?.(dossier);
      const now = this.now();
      const { entry, changes } = applyCommand(dossier, command, actor, now, this.calendar.deadlines);
      await this.options.hooks?.beforeWrite?.(code);
      const updated = await this.dossiers.update(dossier.id, dossier.version, { ...changes, ...options.changes });
      await this.history(dossier.id, entry, user);
      const extra = (await options.after?.(updated, now, dossier)) ?? {};
      await this.publish(eventType, updated, dossier.status, actor.role, extra);
      return updated;
    });
  }

  /** The domain actor: the applicant (CITIZEN) or staff of one of the dossier's units. */
  private async actorFor(user: AuthUser, d: DossierRecord, action: DossierCommand['type']): Promise<Actor> {
    const staffRoles = user.roles.filter((r) => r !== Role.CITIZEN);
    if (staffRoles.length && (await this.access.staffCanSee(user, d))) return { id: user.sub, role: pickRole(staffRoles, action) };
    if (isApplicant(user, d)) return { id: applicantIdOf(d), role: 'CITIZEN' };
    if (staffRoles.length && user.unitCode) {
      throw new ForbiddenError(
        `Dossier ${d.code} is not handled by unit ${user.unitCode}`,
        `Hồ sơ ${d.code} không thuộc đơn vị ${user.unitCode}`,
        'OUT_OF_UNIT_SCOPE',
      );
    }
    throw new ForbiddenError(`You may not act on dossier ${d.code}`, `Bạn không được thao tác trên hồ sơ ${d.code}`, 'NOT_APPLICANT');
  }

  private async history(dossierId: string, entry: DossierHistoryEntry, user: AuthUser): Promise<void> {
    await this.dossiers.addHistory({
      dossierId,
      action: entry.action,
      fromStatus: entry.from,
      toStatus: entry.to,
      actorSub: user.sub,
      actorRole: entry.actorRole,
      actorUnit: entry.actorRole === 'CITIZEN' ? null : (user.unitCode ?? null),
      note: entry.note,
      data: entry.data ?? null,
      at: entry.at,
    });
  }

  private checkAttachment(a: AttachmentInput, field: string): void {
    if (!SHA256.test(a.sha256 ?? '')) {
      throw new ValidationFailedError(`${field}.sha256 must be 64 lower-case hex digits`, `${field}.sha256 phải gồm 64 ký tự hex`, {
        field: `${field}.sha256`,
      });
    }
    if (!Number.isInteger(a.size) || a.size < 0) {
      throw new ValidationFailedError(`${field}.size must be a non-negative integer`, `${field}.size không hợp lệ`, { field: `${field}.size` });
    }
  }

  private attachmentRecords(dossierId: string, requestId: string | null, list: AttachmentInput[], now: Date): AttachmentRecord[] {
    return list.map((a) => ({
      id: uuidv7(),
      dossierId,
      supplementRequestId: requestId,
      name: a.name,
      mediaType: a.mediaType,
      size: a.size,
      sha256: a.sha256,
      addedAt: now,
    }));
  }

  /** Publishes one dossier.* event (no personal data: codes, units, dates, statuses only). */
  async publish(type: string, d: DossierRecord, previousStatus: string | null, actorRole: string, extra: Record<string, unknown> = {}) {
    await this.outbox.publish({
      type,
      aggregateType: 'Dossier',
      aggregateId: d.code,
      unitCode: d.processingUnitCode,
      correlationId: currentCorrelationId(),
      payload: {
        code: d.code,
        procedureCode: d.procedureCode,
        status: d.status,
        previousStatus,
        channel: d.channel,
        receivingUnitCode: d.receivingUnitCode,
        competentUnitCode: d.competentUnitCode,
        processingUnitCode: d.processingUnitCode,
        receivedAt: d.receivedAt.toISOString(),
        dueAt: shownDueAt(d)?.toISOString() ?? null,
        actorRole,
        ...extra,
      },
    });
  }

  /** Units of a dossier (for resolvers). */
  unitsOf = unitsOf;
}
