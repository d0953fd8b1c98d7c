import { Injectable } from '@nestjs/common';
import { type Keyset, type KeysetPageRequest, type KeysetSlice, keysetRequest } from '@xaso/api';
import { type ProcedureRecord, ProcedureRepository } from './procedure.repository.port';

/** The sort key of the catalogue list (unique: code is the primary key). */
export const procedureListKey = (p: ProcedureRecord): Keyset => [p.field, p.code];

/** The page request of a catalogue list: `first` and the cursor `after` (a [field, code] key). */
export const procedurePageRequest = (first: number | null | undefined, after: string | null | undefined): KeysetPageRequest =>
  keysetRequest(first, after, 2);

/** The active catalogue, by field then code; `search` matches code, name or field (accents and case ignored). */
@Injectable()
export class ListProcedures {
  constructor(private readonly procedures: ProcedureRepository) {}

  execute(search: string | undefined, page: KeysetPageRequest): Promise<KeysetSlice<ProcedureRecord>> {
    return this.procedures.search(search, page);
  }
}
