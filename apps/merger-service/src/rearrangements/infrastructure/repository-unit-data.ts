import { Injectable } from '@nestjs/common';
import { readAdminUnitFiles } from '../../units/infrastructure/csv-source';
import { PublishedUnitData } from '../application/published-unit-data.port';

/** data/admin-units (or ADMIN_UNITS_DIR), read when asked. */
@Injectable()
export class RepositoryUnitData extends PublishedUnitData {
  read() {
    return readAdminUnitFiles();
  }
}
