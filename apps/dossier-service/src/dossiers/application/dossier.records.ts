/** The dossier data the application works with (plain types; the repository maps the tables onto them). */
export type Channel = 'ONLINE' | 'DIRECT' | 'POSTAL';

export interface PauseRecord {
  from: string;
  to: string | null;
}

export interface ApplicantRecord {
  sub: string | null;
  fullName: string;
  idNumber: string;
  phone: string | null;
  email: string | null;
  address: string | null;
}

export interface ApologyRecord {
  reason: string;
  newDueAt: Date;
  previousDueAt: Date;
  issuedAt: Date;
  issuedBy: string;
}

export interface DossierRecord {
  id: string;
  code: string;
  procedureCode: string;
  status: string;
  channel: Channel;
  receivingUnitCode: string;
  competentUnitCode: string;
  processingUnitCode: string;
  applicant: ApplicantRecord;
  formData: Record<string, unknown>;
  processingDays: number;
  receivedAt: Date;
  dueAt: Date | null;
  originalDueAt: Date | null;
  pausedSince: Date | null;
  pauses: PauseRecord[];
  completedAt: Date | null;
  returnedAt: Date | null;
  closedAt: Date | null;
  resultNote: string | null;
  apology: ApologyRecord | null;
  overdueFlaggedAt: Date | null;
  dueSoonFlaggedAt: Date | null;
  version: number;
  /** Handed over from an old district/commune system (issue 12): the legacy unit and the code on the citizen's receipt. */
  legacyAgencyCode?: string | null;
  legacyCode?: string | null;
}

/** Public tracking's read: the dossier, its procedure's name and the steps of its history (one statement). */
export interface TrackingRecord {
  dossier: DossierRecord;
  /** null when the procedure row is gone (the code is shown instead). */
  procedureName: string | null;
  history: { action: string; toStatus: string; at: Date }[];
}

export interface HistoryRecord {
  id: string;
  dossierId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorSub: string;
  actorRole: string;
  actorUnit: string | null;
  note: string | null;
  /** Action-specific data (an apology's dates, a transfer's units). */
  data: Record<string, unknown> | null;
  at: Date;
}

export interface SupplementRequestRecord {
  id: string;
  dossierId: string;
  reason: string;
  items: string[];
  requestedAt: Date;
  requestedBy: string;
  providedAt: Date | null;
  providedNote: string | null;
}

export interface AttachmentRecord {
  id: string;
  dossierId: string;
  supplementRequestId: string | null;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  addedAt: Date;
}

/** Columns a transition may change (camelCase → snake_case below). */
export interface DossierChanges {
  status?: string;
  processingUnitCode?: string;
  dueAt?: Date | null;
  originalDueAt?: Date | null;
  pausedSince?: Date | null;
  pauses?: PauseRecord[];
  completedAt?: Date | null;
  returnedAt?: Date | null;
  closedAt?: Date | null;
  resultNote?: string | null;
  apologyReason?: string;
  apologyNewDueAt?: Date;
  apologyPreviousDueAt?: Date;
  apologyIssuedAt?: Date;
  apologyIssuedBy?: string;
  overdueFlaggedAt?: Date | null;
  dueSoonFlaggedAt?: Date | null;
}

export interface DossierScope {
  /** Dossiers where one of the three units is in this list. */
  unitCodes?: string[];
  /** Dossiers whose units' province is this (PROVINCE_OFFICER), via the unit replica. */
  provinceCode?: string;
  /** Dossiers of this applicant (CITIZEN): by account or by ID number. */
  applicantSub?: string;
  applicantIdNumber?: string;
  /** ADMIN: everything. */
  all?: boolean;
}

export interface DossierListFilter {
  status?: string[];
  procedureCode?: string;
  unitCode?: string;
  channel?: Channel;
  receivedFrom?: Date;
  receivedTo?: Date;
  overdue?: boolean;
  now: Date;
}
