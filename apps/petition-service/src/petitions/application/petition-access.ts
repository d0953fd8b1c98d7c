import { Inject, Injectable } from '@nestjs/common';
import { ForbiddenError, NotFoundError } from '@xaso/api';
import { type AuthUser, isGovernmentStaff, Role, UnitScope } from '@xaso/auth';
import { todayInVietnam } from '@xaso/calendar';
import { type ResolvedUnit, UnitResolver } from '@xaso/unit-replica';
import * as D from '../domain';
import type { Actor, ActorRole, Petition } from '../domain';
import { PetitionRepository } from './petition.repository.port';
import { Clock } from './clock.port';
import { PETITION_CONFIG, type PetitionConfig } from './petition.config';

const ROLE_PRIORITY: ActorRole[] = ['LEADER', 'OFFICER', 'PROVINCE_OFFICER', 'AGENCY', 'CITIZEN', 'ADMIN'];

/** The domain actor for a signed-in user (the most specific role it holds). */
export function actorOf(user: AuthUser): Actor {
  const role = ROLE_PRIORITY.find((r) => user.roles.includes(r as Role)) ?? 'CITIZEN';
  return { id: user.sub, role };
}

/** What the petition use cases share: loading, who may act on what (unit scope, petitioner), the state machine's context. */
@Injectable()
export class PetitionAccess {
  constructor(
    private readonly petitions: PetitionRepository,
    private readonly scope: UnitScope,
    private readonly unitResolver: UnitResolver,
    @Inject(PETITION_CONFIG) private readonly config: PetitionConfig,
    private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /**
   * The unit a record names, by the rule every service shares (`UnitResolver`): a unit on `date`
   * (default: today in Vietnam by the service clock), an abolished one's single successor, else
   * UNKNOWN_UNIT / UNIT_ABOLISHED.
   */
  resolveUnit(field: string, code: string, date: string = todayInVietnam(this.clock.now())): Promise<ResolvedUnit> {
    return this.unitResolver.resolve(field, code, date);
  }

  /** The state machine's context for `actor`, now, with the configured policy and day arithmetic. */
  ctx(actor: Actor, extra: Partial<D.MachineContext> = {}): D.MachineContext {
    return { actor, at: this.clock.now(), policy: this.config.policy, addDays: this.config.addDays, ...extra };
  }

  async load(code: string, forUpdate = false) {
    const stored = await this.petitions.findByCode(code, forUpdate);
    if (!stored) throw new NotFoundError('Petition', 'đơn', code);
    return stored;
  }

  /** The shared unit scope (`UnitScope`): a PROVINCE_OFFICER reaches every unit of their province. */
  canUnit(user: AuthUser, unitCode: string): Promise<boolean> {
    return this.scope.canAccess(user, unitCode);
  }

  assertUnit(user: AuthUser, unitCode: string): Promise<void> {
    return this.scope.assert(user, unitCode);
  }

  async assertCanView(user: AuthUser, p: Petition): Promise<void> {
    if (isGovernmentStaff(user) && (await this.canUnit(user, p.unitCode))) return;
    if (user.roles.includes(Role.CITIZEN) && p.petitionerUserId === user.sub) return;
    throw new ForbiddenError('You may not view this petition', 'Không có quyền xem đơn này');
  }

  /** Returns whether a CITIZEN actor was verified as the petitioner by the tracking secret. */
  async authorizeAct(user: AuthUser, actor: Actor, p: Petition, secretHash: string, trackingSecret?: string): Promise<boolean> {
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
