import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { type AuthUser, Role, UnitScope } from '@xaso/auth';
import { todayInVietnam } from '@xaso/calendar';
import { dossierLegacyImported } from '@xaso/contracts';
import { TransactionRunner } from '@xaso/persistence';
import { CLOCK, type Clock } from '../../common/clock';
import { primaryRole } from '../../dossiers/application/dossier-access';
import { DossierEvents } from '../../dossiers/application/dossier-events';
import { formatDossierCode } from '../../dossiers/domain';
import { ProcedureRepository } from '../../procedures/application/procedure.repository.port';
import { assertLegacyBatchSize, checkLegacyRows, type LegacyDossierDraft, type LegacyDossierRowInput, LegacyHandoverError } from '../domain';
import { legacyDossierRecord, legacyHistoryNote } from './legacy-dossier-record';
import { LegacyDossierStore } from './legacy-dossier.store.port';

export interface LegacyImportResultRow {
  row: number;
  agencyCode: string;
  originalCode: string;
  /** The dossier's code in Xã Số (the original code also tracks it). */
  code: string;
  status: string;
  /** false: an earlier call already imported this (agency, original code); nothing was changed. */
  imported: boolean;
}

export interface LegacyImportResult {
  imported: number;
  alreadyImported: number;
  rows: LegacyImportResultRow[];
}

/**
 * Hand-over of dossiers from the old district and commune systems (issue 12): every row checked
 * (LEGACY_IMPORT_INVALID lists each wrong row), then all rows stored in one transaction under the
 * legacy unit and their received date, each with a history entry and `dossier.legacy-imported`;
 * a key (agency, original code) stored by an earlier call is answered, not stored again.
 * ADMIN, or the officers of the province the legacy units belong to.
 */
@Injectable()
export class ImportLegacyDossiers {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly store: LegacyDossierStore,
    private readonly procedures: ProcedureRepository,
    private readonly scope: UnitScope,
    private readonly events: DossierEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(user: AuthUser, rows: readonly LegacyDossierRowInput[]): Promise<LegacyImportResult> {
    assertLegacyBatchSize(rows.length);
    const now = this.clock.now();
    const named = (field: 'agencyCode' | 'procedureCode') => [...new Set(rows.map((r) => (typeof r?.[field] === 'string' ? (r[field] as string).trim() : '')).filter(Boolean))];
    const [agencyVersions, procedures] = await Promise.all([this.store.agencyVersions(named('agencyCode')), this.procedures.findMany(named('procedureCode'))]);
    const { drafts, errors } = checkLegacyRows(rows, { agencyVersions, procedureCodes: new Set(procedures.map((p) => p.code)), today: todayInVietnam(now) });
    if (errors.length) {
      throw new LegacyHandoverError('LEGACY_IMPORT_INVALID', `${errors.length} error(s) in ${rows.length} row(s); nothing was imported`, `Có ${errors.length} lỗi trong ${rows.length} dòng; chưa nhập hồ sơ nào`, { errors });
    }
    await this.assertMayImport(user, [...new Set(drafts.map((d) => d.agencyCode))]);
    const processingDays = new Map(procedures.map((p) => [p.code, p.processingDays]));

    return this.transactions.run(async () => {
      const earlier = new Map((await this.store.findImported(drafts)).map((d) => [keyOf(d), d.code]));
      const fresh = drafts.filter((d) => !earlier.has(keyOf(d)));
      const codes = await this.codesFor(fresh);
      const records = fresh.map((d) => ({
        draft: d,
        dossier: legacyDossierRecord(d, { id: uuidv7(), code: codes.get(d) ?? '', processingDays: processingDays.get(d.procedureCode) ?? 0 }, now),
      }));
      const role = primaryRole(user);
      const inserted = await this.store.insertAll(
        records.map((r) => r.dossier),
        (d) => ({ actorSub: user.sub, actorRole: role, note: legacyHistoryNote(d), at: now, data: { legacy: true, legacyAgencyCode: d.legacyAgencyCode, legacyCode: d.legacyCode, legacyStatus: d.formData.legacyStatus } }),
      );
      const stored = new Map<string, string>();
      for (const { draft, dossier } of records.filter((r) => inserted.has(r.dossier.code))) {
        stored.set(keyOf(draft), dossier.code);
        await this.events.publish(dossierLegacyImported, dossier, null, role, { processingDays: dossier.processingDays, legacyAgencyCode: draft.agencyCode, legacyCode: draft.originalCode });
      }
      // A key another call stored between the look-up and the insert is answered like one stored earlier.
      const raced = records.filter((r) => !inserted.has(r.dossier.code)).map((r) => r.draft);
      for (const d of await this.store.findImported(raced)) earlier.set(keyOf(d), d.code);
      const rowsOut = drafts.map((d) => ({
        row: d.row,
        agencyCode: d.agencyCode,
        originalCode: d.originalCode,
        code: stored.get(keyOf(d)) ?? earlier.get(keyOf(d)) ?? '',
        status: d.status,
        imported: stored.has(keyOf(d)),
      }));
      return { imported: stored.size, alreadyImported: drafts.length - stored.size, rows: rowsOut };
    });
  }

  /** ADMIN everything; a PROVINCE_OFFICER the legacy units whose successors lie in their province (the replica's `provinceOf`). */
  private async assertMayImport(user: AuthUser, agencyCodes: string[]): Promise<void> {
    if (user.roles.includes(Role.ADMIN)) return;
    const outside: string[] = [];
    for (const code of agencyCodes) {
      if (!user.roles.includes(Role.PROVINCE_OFFICER) || !(await this.scope.canAccess(user, code))) outside.push(code);
    }
    if (outside.length) {
      throw new LegacyHandoverError('LEGACY_IMPORT_FORBIDDEN', `You may not import dossiers of ${outside.join(', ')}`, `Bạn không được nhập hồ sơ của đơn vị ${outside.join(', ')}`, { agencyCodes: outside });
    }
  }

  /** Codes in the service's format under the legacy unit and the day of receipt, numbers reserved per (unit, day). */
  private async codesFor(drafts: readonly LegacyDossierDraft[]): Promise<Map<LegacyDossierDraft, string>> {
    const groups = new Map<string, LegacyDossierDraft[]>();
    for (const d of drafts) groups.set(`${d.agencyCode} ${d.receivedDate}`, [...(groups.get(`${d.agencyCode} ${d.receivedDate}`) ?? []), d]);
    const codes = new Map<LegacyDossierDraft, string>();
    for (const group of groups.values()) {
      const { agencyCode, receivedDate } = group[0];
      const first = await this.store.reserveSequence(agencyCode, receivedDate, group.length);
      group.forEach((d, i) => codes.set(d, formatDossierCode(agencyCode, receivedDate, first + i)));
    }
    return codes;
  }
}

const keyOf = (k: { agencyCode: string; originalCode: string }) => `${k.agencyCode}\u0000${k.originalCode}`;
