import { Inject, Injectable } from '@nestjs/common';
import { type Keyset, type KeysetPageRequest, type KeysetSlice, keysetRequest, ValidationFailedError } from '@xaso/api';
import { type AuthUser, Role } from '@xaso/auth';
import { CLOCK, type Clock } from '../../common/clock';
import type { DossierListFilter, DossierRecord } from './dossier.records';
import { DossierRepository } from './dossier.repository.port';
import { DossierAccess } from './dossier-access';

/** The sort key of dossier lists, newest first (unique: codes are unique). */
export const dossierListKey = (d: DossierRecord): Keyset => [d.receivedAt.toISOString(), d.code];

/** The page request of a dossier list: `first` and the cursor `after` (a [receivedAt, code] key, checked). */
export function dossierPageRequest(first: number | null | undefined, after: string | null | undefined): KeysetPageRequest {
  const page = keysetRequest(first, after, 2);
  if (page.after) {
    const [receivedAt, code] = page.after;
    if (typeof receivedAt !== 'string' || Number.isNaN(Date.parse(receivedAt)) || typeof code !== 'string') {
      throw new ValidationFailedError(`Invalid cursor: ${after}`, `Con trỏ phân trang không hợp lệ: ${after}`, { field: 'after' });
    }
  }
  return page;
}

/** Dossiers within the caller's scope (citizens: their own; staff: their units'; ADMIN: all), filtered, newest first. */
@Injectable()
export class ListDossiers {
  constructor(
    private readonly dossiers: DossierRepository,
    private readonly access: DossierAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(user: AuthUser, filter: Omit<DossierListFilter, 'now'>, page: KeysetPageRequest): Promise<KeysetSlice<DossierRecord>> {
    if (filter.unitCode && !user.roles.includes(Role.CITIZEN)) await this.access.assertStaffUnit(user, filter.unitCode);
    return this.dossiers.list(this.access.scopeFor(user), { ...filter, now: this.clock.now() }, page);
  }
}
