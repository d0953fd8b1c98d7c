import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { AppError, ForbiddenError } from '@xaso/api';
import { type AuthUser, Role } from '@xaso/auth';
import { todayInVietnam, toLocalDate } from '@xaso/calendar';
import { dossierReceived } from '@xaso/contracts';
import { TransactionRunner } from '@xaso/persistence';
import { CurrentCalendar } from '../../calendar/application/current-calendar';
import { ProcedureRepository } from '../../procedures/application/procedure.repository.port';
import { assertValidIdNumber, formatDossierCode, transition } from '../domain';
import type { Channel, DossierRecord } from './dossier.records';
import { DossierRepository } from './dossier.repository.port';
import { type AttachmentInput, attachmentRecords, checkAttachments } from './attachments';
import { DossierAccess } from './dossier-access';
import { DossierEvents } from './dossier-events';
import { DossierTransitionRunner, historyRecordOf } from './dossier-transition-runner';
import { applicantIdOf, pickRole } from './domain-bridge';

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

/**
 * Intake (RECEIVE): a citizen online or an officer at the counter. Checks the procedure, the
 * applicant and the units, then in one transaction takes the day's code sequence (row-locked),
 * lets the state machine compute the due date, inserts the dossier with its attachments,
 * history and `dossier.received`.
 */
@Injectable()
export class SubmitDossier {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly dossiers: DossierRepository,
    private readonly procedures: ProcedureRepository,
    private readonly calendar: CurrentCalendar,
    private readonly access: DossierAccess,
    private readonly runner: DossierTransitionRunner,
    private readonly events: DossierEvents,
  ) {}

  async execute(user: AuthUser, input: SubmitDossierCommand): Promise<DossierRecord> {
    assertValidIdNumber(input.applicant.idNumber ?? '');
    checkAttachments(input.attachments ?? []);
    // The two lookups are independent: one wait instead of two. An unknown procedure is still
    // reported before a unit problem.
    const [found, resolvedUnits] = await Promise.allSettled([
      this.procedures.find(input.procedureCode),
      this.access.resolveUnits(input.receivingUnitCode, input.competentUnitCode || input.receivingUnitCode, todayInVietnam(this.runner.now())),
    ]);
    if (found.status === 'rejected') throw found.reason;
    const procedure = found.value;
    if (!procedure || !procedure.active) {
      throw new AppError(
        'UNKNOWN_PROCEDURE',
        `Unknown or inactive procedure ${input.procedureCode}`,
        `Thủ tục ${input.procedureCode} không tồn tại hoặc đã ngừng áp dụng`,
        422,
        { field: 'procedureCode' },
      );
    }
    if (resolvedUnits.status === 'rejected') throw resolvedUnits.reason;
    const units = resolvedUnits.value;
    const receivingUnitCode = units.receiving.code;
    const competentUnitCode = units.competent.code;
    const staffRoles = user.roles.filter((r) => r !== Role.CITIZEN);
    const asCitizen = input.channel === 'ONLINE' && user.roles.includes(Role.CITIZEN);
    const role = asCitizen ? 'CITIZEN' : pickRole(staffRoles.length ? staffRoles : user.roles, 'RECEIVE');
    if (role === 'CITIZEN' && user.idNumber && user.idNumber !== input.applicant.idNumber) {
      throw new ForbiddenError('Citizens submit dossiers in their own name', 'Công dân chỉ nộp hồ sơ đứng tên mình', 'NOT_APPLICANT');
    }
    if (role !== 'CITIZEN' && staffRoles.length) await this.access.assertStaffUnit(user, receivingUnitCode);
    if (input.needsVerification && role === 'CITIZEN') {
      throw new ForbiddenError(
        'Only the receiving officer records that verification is needed',
        'Chỉ cán bộ tiếp nhận mới xác định hồ sơ cần xác minh',
        'ROLE_NOT_ALLOWED',
      );
    }
    const processingDays =
      input.needsVerification && procedure.maxProcessingDays != null ? procedure.maxProcessingDays : procedure.processingDays;

    return this.transactions.run(async () => {
      const now = this.runner.now();
      const sequence = await this.dossiers.nextSequence(receivingUnitCode, toLocalDate(now));
      const code = formatDossierCode(receivingUnitCode, now, sequence);
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
            receivingUnitCode,
            competentUnitCode,
            processingUnitCode: competentUnitCode,
            workingDays: processingDays,
          },
          note: [`channel ${input.channel}`, ...units.notes].join('; '),
        },
        { id: user.sub, role },
        now,
        { deadlines: this.calendar.deadlines },
      );
      if (!result.ok) throw result.error;
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
      await this.dossiers.insertReceived(
        dossier,
        attachmentRecords(dossier.id, null, input.attachments ?? [], now),
        historyRecordOf(dossier.id, result.entry, user),
      );
      await this.events.publish(dossierReceived, dossier, null, role, { processingDays: dossier.processingDays });
      return dossier;
    });
  }
}
