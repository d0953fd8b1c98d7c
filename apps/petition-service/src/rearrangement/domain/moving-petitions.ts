/**
 * What a rearrangement moves in petition-service (issue 12): open cases (complaints,
 * denunciations, recommendations/feedback) and open mediation cases go to the successor; decided,
 * closed or referred ones and past reception sessions stay with their unit (carried over). The
 * move touches the unit only: the denouncer's identity (petition_identity) is never read. Pure.
 */
export const PETITION_RECORD_TYPE = 'petition';
export const MEDIATION_RECORD_TYPE = 'mediation-case';
export const RECEPTION_RECORD_TYPE = 'reception-session';

/** Cases still being handled (the `petition_open_idx` statuses). */
export const OPEN_PETITION_STATUSES: readonly string[] = ['RECEIVED', 'CLASSIFIED', 'ACCEPTED', 'ASSIGNED', 'REOPENED'];
