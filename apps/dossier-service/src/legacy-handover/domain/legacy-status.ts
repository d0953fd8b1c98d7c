import { foldVietnamese } from '@xaso/text';
import { DossierStatus } from '../../dossiers/domain/dossier-status';

/**
 * The old one-stop-shop systems' statuses (district and commune software, in Vietnamese with or
 * without accents, or as their export codes) → ours. Keys are folded: no accents, upper case,
 * words joined by '_'. Waiting for a supplement maps to IN_PROCESSING: the old system's request
 * is not carried over (no items, no pause start), so the successor asks again if still needed;
 * the old status stays in the history entry.
 */
const LEGACY_STATUS: Readonly<Record<string, DossierStatus>> = {
  ...aliases(DossierStatus.RECEIVED, 'MOI_TIEP_NHAN', 'TIEP_NHAN', 'DA_TIEP_NHAN', 'CHO_XU_LY', 'CHO_TIEP_NHAN', 'NEW'),
  ...aliases(DossierStatus.IN_PROCESSING, 'DANG_XU_LY', 'DANG_GIAI_QUYET', 'DANG_THAM_DINH', 'PROCESSING', 'CHO_BO_SUNG', 'YEU_CAU_BO_SUNG', 'SUPPLEMENT_REQUESTED'),
  ...aliases(DossierStatus.PROCESSED, 'DA_CO_KET_QUA', 'CO_KET_QUA', 'CHO_TRA_KET_QUA', 'DA_GIAI_QUYET'),
  ...aliases(DossierStatus.RETURNED, 'DA_TRA_KET_QUA', 'TRA_KET_QUA', 'HOAN_THANH', 'DA_HOAN_THANH'),
  ...aliases(DossierStatus.REFUSED, 'TU_CHOI', 'TU_CHOI_GIAI_QUYET', 'KHONG_GIAI_QUYET'),
  ...aliases(DossierStatus.STOPPED, 'DUNG_XU_LY', 'DUNG_GIAI_QUYET'),
  ...aliases(DossierStatus.WITHDRAWN, 'RUT_HO_SO', 'CONG_DAN_RUT_HO_SO', 'DA_RUT'),
  // Our own names are accepted as they are.
  ...Object.fromEntries(Object.values(DossierStatus).filter((s) => s !== DossierStatus.SUPPLEMENT_REQUESTED).map((s) => [s, s])),
};

function aliases(status: DossierStatus, ...keys: string[]): Record<string, DossierStatus> {
  return Object.fromEntries(keys.map((k) => [k, status]));
}

export function legacyStatusKey(raw: string): string {
  return foldVietnamese(raw)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Our status for an old system's status, or null when it is not one we know. */
export function mapLegacyStatus(raw: string): DossierStatus | null {
  return LEGACY_STATUS[legacyStatusKey(raw)] ?? null;
}

/** The statuses the old systems' exports may use, for the error message and the documentation. */
export const KNOWN_LEGACY_STATUSES: readonly string[] = Object.keys(LEGACY_STATUS);
