/** Actor roles; the same string values as `Role` in @xaso/auth (kept local so the domain stays framework-free). */
export type ActorRole = 'CITIZEN' | 'OFFICER' | 'LEADER' | 'PROVINCE_OFFICER' | 'AGENCY' | 'ADMIN';

export const ALL_ACTOR_ROLES: readonly ActorRole[] = ['CITIZEN', 'OFFICER', 'LEADER', 'PROVINCE_OFFICER', 'AGENCY', 'ADMIN'];

export interface Actor {
  /** User id (subject of the token). For a CITIZEN, compared with the dossier's applicantId. */
  id: string;
  role: ActorRole;
}
