import type { Pool } from 'pg';
import { ProvisionalStore } from './provisional-schema';
import type { BaselineStore } from './store';

export type StoreKind = 'provisional' | 'dossier-service';

export function createStore(kind: StoreKind, pool: Pool): BaselineStore {
  switch (kind) {
    case 'provisional':
      return new ProvisionalStore(pool);
    case 'dossier-service':
      throw new Error('the dossier-service store is not written yet');
  }
}
