/**
 * What a village or residential group decides by vote [Law 10/2022/QH15 Art. 15; Decree 59/2023].
 * `COMMUNITY_BOARD` covers electing the community investment supervision board (and other community boards).
 */
export const POLL_MATTERS = [
  'PUBLIC_WORKS_CONTRIBUTION',
  'COMMUNITY_FUND',
  'VILLAGE_CONVENTION',
  'ELECT_VILLAGE_HEAD',
  'DISMISS_VILLAGE_HEAD',
  'COMMUNITY_BOARD',
  'OTHER',
] as const;
export type PollMatter = (typeof POLL_MATTERS)[number];

/** HOUSEHOLDS: one representative per household; VOTERS: every adult on the roll. */
export const ELECTORATES = ['HOUSEHOLDS', 'VOTERS'] as const;
export type Electorate = (typeof ELECTORATES)[number];

export const CHANNELS = ['ONLINE', 'PAPER'] as const;
export type Channel = (typeof CHANNELS)[number];

export const POLL_STATUSES = ['DRAFT', 'OPEN', 'CLOSED', 'CERTIFIED', 'CANCELLED'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

/** YES_NO_ABSTAIN: fixed options YES, NO, ABSTAIN; CANDIDATES and LIST: the poll's own options, one chosen per ballot. */
export const OPTION_KINDS = ['YES_NO_ABSTAIN', 'CANDIDATES', 'LIST'] as const;
export type OptionKind = (typeof OPTION_KINDS)[number];

export interface PollOption {
  readonly id: string;
  readonly label: string;
}

export interface PollOptions {
  readonly kind: OptionKind;
  readonly options: readonly PollOption[];
}

/** ROLL: share of everyone on the roll (non-participants count as not agreeing); PARTICIPANTS: share of those taking part. */
export const PASS_BASES = ['ROLL', 'PARTICIPANTS'] as const;
export type PassBasis = (typeof PASS_BASES)[number];

/** A poll passes when the agreeing share is MORE THAN `passPercent` of the basis, and the quorum (share of the roll taking part, at least) is met. */
export interface PassRule {
  readonly passBasis: PassBasis;
  readonly passPercent: number;
  readonly quorumPercent: number | null;
}

/** The frozen roll published when the poll opens. */
export interface FrozenRoll {
  readonly size: number;
  readonly hash: string;
}

export interface Poll {
  readonly id: string;
  /** The commune (xã/phường) that holds the poll. */
  readonly unitCode: string;
  /** The village or residential group, when the poll is held in one. */
  readonly villageCode: string | null;
  readonly matter: PollMatter;
  readonly title: string;
  readonly description: string;
  readonly options: PollOptions;
  readonly electorate: Electorate;
  readonly channels: readonly Channel[];
  readonly opensAt: Date;
  readonly closesAt: Date;
  readonly rule: PassRule;
  readonly status: PollStatus;
  readonly roll: FrozenRoll | null;
  readonly cancelReason: string | null;
  /** Set when a rule closed the poll before closesAt (a rearrangement took its village away). */
  readonly closeReason?: string | null;
}
