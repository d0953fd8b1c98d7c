/** Pure petition vocabulary (no framework imports). */

export const PETITION_KINDS = ['COMPLAINT', 'DENUNCIATION', 'RECOMMENDATION', 'FEEDBACK', 'INFORMATION'] as const;
/**
 * COMPLAINT khiếu nại, DENUNCIATION tố cáo, RECOMMENDATION kiến nghị, FEEDBACK phản ánh.
 * INFORMATION: an anonymous / false-name denunciation, recorded as information and never
 * processed as a denunciation [Law on Denunciations 2018 Art. 25(1)].
 */
export type PetitionKind = (typeof PETITION_KINDS)[number];
/** Kinds a petitioner may submit (INFORMATION is assigned by the system). */
export const SUBMITTABLE_KINDS = ['COMPLAINT', 'DENUNCIATION', 'RECOMMENDATION', 'FEEDBACK'] as const;
export type SubmittableKind = (typeof SUBMITTABLE_KINDS)[number];

export const PETITION_CHANNELS = ['RECEPTION', 'ONLINE', 'MAIL', 'HOTLINE'] as const;
export type PetitionChannel = (typeof PETITION_CHANNELS)[number];

export const PETITION_STATUSES = [
  'RECEIVED', // tiếp nhận
  'CLASSIFIED', // phân loại
  'ACCEPTED', // thụ lý
  'REFUSED', // không thụ lý (with reason)
  'REFERRED', // chuyển đơn (to the competent unit / agency)
  'ASSIGNED', // giao cán bộ xử lý
  'RESOLVED', // đã giải quyết (conclusion / decision)
  'REOPENED', // mở lại (feedback / recommendation, within the window)
  'APPEALED', // khiếu nại lần hai lên cấp trên
  'WITHDRAWN', // rút đơn
  'LINKED', // a duplicate, linked to the main case
  'ARCHIVED', // information (anonymous denunciation) filed / used for inspection
] as const;
export type PetitionStatus = (typeof PETITION_STATUSES)[number];

export const TERMINAL_STATUSES: readonly PetitionStatus[] = ['REFUSED', 'REFERRED', 'APPEALED', 'WITHDRAWN', 'LINKED', 'ARCHIVED'];

export const PETITION_ACTIONS = [
  'SUBMIT',
  'CLASSIFY',
  'ACCEPT',
  'REFUSE',
  'REFER',
  'ASSIGN',
  'EXTEND',
  'RESOLVE',
  'RATE',
  'REOPEN',
  'APPEAL',
  'WITHDRAW',
  'WITHDRAW_PARTIALLY',
  'ESCALATE',
  'MARK_DUE_SOON',
  'LINK_DUPLICATE',
  'REGISTER_DUPLICATE',
  'ARCHIVE',
] as const;
export type PetitionAction = (typeof PETITION_ACTIONS)[number];

/** Same values as `@xaso/auth`'s `Role`, plus SYSTEM for scheduled steps (marking, escalation). */
export type ActorRole = 'CITIZEN' | 'OFFICER' | 'LEADER' | 'PROVINCE_OFFICER' | 'AGENCY' | 'ADMIN' | 'SYSTEM';

export interface Actor {
  id: string;
  role: ActorRole;
}

export type Complexity = 'NORMAL' | 'COMPLEX' | 'VERY_COMPLEX';
export type DayKind = 'CALENDAR' | 'WORKING';
/** `YYYY-MM-DD`, a day in Asia/Ho_Chi_Minh. */
export type LocalDate = string;

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface HistoryEntry {
  action: PetitionAction;
  from: PetitionStatus | null;
  to: PetitionStatus;
  actorId: string;
  actorRole: ActorRole;
  at: Date;
  note?: string;
}

export interface Referral {
  /** Administrative unit code when referred to another commune / province; absent for other agencies. */
  unitCode?: string;
  /** The code as given, when it named a unit abolished by then and the referral went to its single successor (`unitCode`). */
  routedFromUnitCode?: string;
  agencyName: string;
  reason: string;
}

export interface Rating {
  /** 1 (very dissatisfied) … 5 (very satisfied). */
  score: number;
  comment?: string;
  at: Date;
}

export interface PetitionFlags {
  /** đông người: at least `crowdedThreshold` distinct petitioners. */
  crowded: boolean;
  /** kéo dài: re-submitted at least `prolongedThreshold` times. */
  prolonged: boolean;
}

/**
 * The petition aggregate as the domain sees it. The petitioner's identity is NOT here: it lives
 * encrypted next to the record; the domain only knows an opaque `petitionerKey` (a keyed blind
 * index of the ID number) for duplicate detection and `petitionerUserId` (the signed-in
 * citizen, if any) for petitioner-only actions.
 */
export interface Petition {
  code: string;
  /** The unit handling the petition: a unit in force on the day it was received. */
  unitCode: string;
  /** The code the petitioner gave when it named a unit abolished by then; `unitCode` is its single successor. */
  routedFromUnitCode?: string;
  kind: PetitionKind;
  /** The kind the petitioner chose (differs from `kind` for anonymous denunciations). */
  submittedKind: SubmittableKind;
  channel: PetitionChannel;
  status: PetitionStatus;
  /** 1 = first-time, 2 = second-time complaint. */
  attempt: 1 | 2;
  parentCode?: string;
  title: string;
  content: string;
  category?: string;
  location?: GeoPoint;
  anonymous: boolean;
  petitionerKey?: string;
  petitionerUserId?: string;
  /** Distinct petitioners (signatories + linked duplicates from other petitioners). */
  petitionerCount: number;
  petitionerKeys: string[];
  /** How many times the same matter was submitted (1 = original only). */
  submissionCount: number;
  complexity: Complexity;
  remoteArea: boolean;
  /**
   * Complaint: the day of the administrative decision or act complained about (ngày nhận được
   * hoặc biết được quyết định, hành vi). The complaint must be filed within 90 days of it.
   */
  actDate?: LocalDate;
  /** Complaint filed after the 90-day limit: acceptance needs a recorded force-majeure reason. */
  filedLate?: boolean;
  /** Why a late complaint was accepted anyway (ốm đau, thiên tai, đi công tác, …) [Law on Complaints 2011 Art. 9]. */
  lateFilingReason?: string;
  receivedAt: Date;
  classifiedAt?: Date;
  acceptedAt?: Date;
  refusedAt?: Date;
  referredAt?: Date;
  assignedAt?: Date;
  resolvedAt?: Date;
  withdrawnAt?: Date;
  escalatedAt?: Date;
  /** The due date for which the case was last escalated (one escalation per deadline). */
  escalatedDue?: LocalDate;
  /** The due date for which "due soon" was last announced (once per deadline). */
  dueSoonDue?: LocalDate;
  acceptanceDue: LocalDate;
  resolutionDue?: LocalDate;
  extensionsUsed: number;
  handlerId?: string;
  decidingLeaderId?: string;
  referral?: Referral;
  refusalReason?: string;
  conclusion?: string;
  decisionNumber?: string;
  rating?: Rating;
  reopenCount: number;
  withdrawnItems: string[];
  linkedToCode?: string;
  flags: PetitionFlags;
  history: HistoryEntry[];
}
