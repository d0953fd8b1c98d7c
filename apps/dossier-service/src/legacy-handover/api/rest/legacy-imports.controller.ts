import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ValidationFailedError } from '@xaso/api';
import { type AuthUser, CurrentUser, Role, Roles } from '@xaso/auth';
import { ApiProblems } from '../../../common/api-problems';
import { ImportLegacyDossiers } from '../../application/import-legacy-dossiers.use-case';
import type { LegacyDossierRowInput } from '../../domain';
import { legacyRowsOfCsv } from './legacy-csv';
import { LEGACY_CSV_EXAMPLE, LegacyDossierRowDto, LegacyImportResultDto } from './legacy-import.dto';

/** The route (its JSON body may be up to 2 MB, a CSV body too: see `bulkJsonPaths` and TEXT_BODY_ROUTES). */
export const LEGACY_IMPORT_PATH = '/api/v1/dossiers/legacy-imports';

function rowsOf(body: unknown): LegacyDossierRowInput[] {
  if (typeof body === 'string') return legacyRowsOfCsv(body);
  if (Array.isArray(body)) return body as LegacyDossierRowInput[];
  throw new ValidationFailedError('Send a JSON array of dossiers or text/csv', 'Gửi mảng JSON các hồ sơ hoặc tệp text/csv', { field: 'body' });
}

/** Hand-over of dossiers from the old district and commune systems (issue 12). */
@ApiTags('dossiers')
@ApiBearerAuth()
@ApiExtraModels(LegacyDossierRowDto)
@Controller('api/v1/dossiers/legacy-imports')
export class LegacyImportsController {
  constructor(private readonly importLegacy: ImportLegacyDossiers) {}

  @Roles(Role.ADMIN, Role.PROVINCE_OFFICER)
  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import up to 1,000 dossiers of legacy (pre-2025) units: all rows or none; LEGACY_IMPORT_INVALID lists every wrong row (row, field, code)',
    description:
      'ADMIN, or officers of the province the legacy units now belong to. Idempotent by (agencyCode, originalCode): a row imported before is answered with imported=false. ' +
      'Stored under the legacy unit and its received date; the rearrangement saga moves the open ones to the successor. Body: a JSON array, or text/csv (UTF-8) with the header ' +
      '`agencyCode,originalCode,procedureCode,receivedDate,dueDate,status,applicantName,applicantIdNumber,applicantPhone,address,closedDate`.',
  })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({ required: true, schema: { oneOf: [{ type: 'array', items: { $ref: getSchemaPath(LegacyDossierRowDto) }, maxItems: 1000 }, { type: 'string', format: 'text/csv', example: LEGACY_CSV_EXAMPLE }] } })
  @ApiOkResponse({ type: LegacyImportResultDto })
  @ApiProblems(400, 401, 403, 413, 422)
  import(@CurrentUser() user: AuthUser, @Body() body: unknown) {
    return this.importLegacy.execute(user, rowsOf(body));
  }
}
