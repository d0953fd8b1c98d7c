import { Injectable } from '@nestjs/common';
import { type AuthUser, Role } from '@xaso/auth';
import type { Actor } from '../domain/actor';
import type { Assessment } from '../domain/assessment';

/**
 * Who reads an assessment: administrators; the commune's own officers; the province's officers
 * and leader. A commune officer sees another commune's assessment only once results are published.
 */
@Injectable()
export class AssessmentAccess {
  mayRead(user: AuthUser, actor: Actor, assessment: Assessment): boolean {
    if (user.roles.includes(Role.ADMIN)) return true;
    if (actor.roles.includes('COMMUNE_OFFICER') && actor.unitCode === assessment.unitCode) return true;
    return (actor.roles.includes('PROVINCE_OFFICER') || actor.roles.includes('PROVINCE_LEADER')) && actor.provinceCode === assessment.provinceCode;
  }

  /** Once the province published the cycle's results: the officers of its other communes read them too (never write). */
  mayReadOnceOpen(actor: Actor, assessment: Assessment): boolean {
    return actor.roles.includes('COMMUNE_OFFICER') && actor.provinceCode === assessment.provinceCode;
  }
}
