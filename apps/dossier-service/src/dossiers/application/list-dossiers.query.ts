import { Inject, Injectable } from '@nestjs/common';
import { type AuthUser, Role } from '@xaso/auth';
import { CLOCK, type Clock } from '../../common/clock';
import type { DossierListFilter } from './dossier.records';
import { DossierRepository } from './dossier.repository.port';
import { DossierAccess } from './dossier-access';

/** Dossiers within the caller's scope (citizens: their own; staff: their units'; ADMIN: all), filtered, newest first. */
@Injectable()
export class ListDossiers {
  constructor(
    private readonly dossiers: DossierRepository,
    private readonly access: DossierAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(user: AuthUser, filter: Omit<DossierListFilter, 'now'>, offset: number, limit: number) {
    if (filter.unitCode && !user.roles.includes(Role.CITIZEN)) await this.access.assertStaffUnit(user, filter.unitCode);
    return this.dossiers.list(this.access.scopeFor(user), { ...filter, now: this.clock.now() }, offset, limit);
  }
}
