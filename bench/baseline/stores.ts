import type { Pool } from 'pg';
import { DossierServiceStore } from './dossier-service-store';
import { ProvisionalStore } from './provisional-schema';
import type { BaselineStore } from './store';

export type StoreKind = 'provisional' | 'dossier-service';

export function createStore(kind: StoreKind, pool: Pool): BaselineStore {
  switch (kind) {
    case 'provisional':
      return new ProvisionalStore(pool);
    case 'dossier-service':
      return new DossierServiceStore(pool);
  }
}
