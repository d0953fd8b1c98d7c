import type { CsvRecord } from '../../units/domain/import-plan';

/** Port: the published unit tables carried in the repository (data/admin-units). */
export abstract class PublishedUnitData {
  abstract read(): { legacy: CsvRecord[]; current: CsvRecord[]; rearrangement: CsvRecord[] };
}
