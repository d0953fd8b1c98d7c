import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { type ProcedureRecord, ProcedureRepository } from '../../../procedures/application/procedure.repository.port';
import type { AttachmentRecord, HistoryRecord, SupplementRequestRecord } from '../../application/dossier.records';
import { DossierRepository } from '../../application/dossier.repository.port';

export interface DossierLoaders {
  procedure: DataLoader<string, ProcedureRecord | null>;
  history: DataLoader<string, HistoryRecord[]>;
  supplements: DataLoader<string, SupplementRequestRecord[]>;
  attachments: DataLoader<string, AttachmentRecord[]>;
}

const group = <T extends { dossierId: string }>(ids: readonly string[], rows: T[]): T[][] => {
  const by = new Map<string, T[]>();
  for (const row of rows) by.set(row.dossierId, [...(by.get(row.dossierId) ?? []), row]);
  return ids.map((id) => by.get(id) ?? []);
};

/** Batches per request (one set of loaders per GraphQL request object) to avoid N+1 queries in lists. */
@Injectable()
export class DossierLoaderFactory {
  private readonly perRequest = new WeakMap<object, DossierLoaders>();

  constructor(
    private readonly dossiers: DossierRepository,
    private readonly procedures: ProcedureRepository,
  ) {}

  for(request: object | undefined): DossierLoaders {
    const key = request ?? {};
    let loaders = this.perRequest.get(key);
    if (!loaders) {
      loaders = {
        procedure: new DataLoader(async (codes) => {
          const found = new Map((await this.procedures.findMany(codes)).map((p) => [p.code, p]));
          return codes.map((c) => found.get(c) ?? null);
        }),
        history: new DataLoader(async (ids) => group(ids, await this.dossiers.historyOf(ids))),
        supplements: new DataLoader(async (ids) => group(ids, await this.dossiers.supplementRequestsOf(ids))),
        attachments: new DataLoader(async (ids) => group(ids, await this.dossiers.attachmentsOf(ids))),
      };
      this.perRequest.set(key, loaders);
    }
    return loaders;
  }
}
