import { Controller, Get, Logger, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsUnitCode } from '@xaso/api';
import { type AuthUser, CurrentUser, GOVERNMENT_STAFF, Roles } from '@xaso/auth';
import { IsString, Matches, MaxLength } from 'class-validator';
import type { Response } from 'express';
import type { ExportTable } from '../../domain/export-table';
import { ExportRankings } from '../../application/export-rankings.query';
import { ExportScorecard } from '../../application/export-scorecard.query';
import { CSV_CONTENT_TYPE, writeCsv, writeXlsx, XLSX_CONTENT_TYPE } from '@xaso/table-export';

export class ExportCycleParams {
  @ApiProperty() @IsString() @MaxLength(64) cycleId!: string;
}

export class ExportProvinceQuery {
  @ApiProperty({ example: '01' }) @IsString() @Matches(/^\d{2}$/) provinceCode!: string;
}

export class ExportAssessmentParams {
  @ApiProperty() @IsString() @MaxLength(64) cycleId!: string;
  @ApiProperty({ example: '00004' }) @IsUnitCode() unitCode!: string;
}

type Format = 'csv' | 'xlsx';

/**
 * Exports for agencies: a province's ranking and a commune's scorecard as CSV or XLSX, Vietnamese
 * column names, streamed. Authorization and every bad input are settled before the first byte,
 * so they answer problem+json like any other endpoint.
 */
@ApiTags('evaluation')
@ApiBearerAuth()
@Roles(...GOVERNMENT_STAFF)
@Controller('api/v1/evaluation/cycles/:cycleId')
export class ExportsController {
  private readonly logger = new Logger('EvaluationExports');

  constructor(
    private readonly exportRankings: ExportRankings,
    private readonly exportScorecard: ExportScorecard,
  ) {}

  @Get('rankings.csv')
  @ApiProduces(CSV_CONTENT_TYPE)
  @ApiOperation({ summary: "A province's ranking of a cycle as CSV (Vietnamese columns, streamed)" })
  async rankingsCsv(@Param() p: ExportCycleParams, @Query() q: ExportProvinceQuery, @CurrentUser() user: AuthUser, @Res() res: Response) {
    await this.send(res, 'csv', await this.exportRankings.execute(user, p.cycleId, q.provinceCode));
  }

  @Get('rankings.xlsx')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOperation({ summary: "A province's ranking of a cycle as XLSX (Vietnamese columns, streamed)" })
  async rankingsXlsx(@Param() p: ExportCycleParams, @Query() q: ExportProvinceQuery, @CurrentUser() user: AuthUser, @Res() res: Response) {
    await this.send(res, 'xlsx', await this.exportRankings.execute(user, p.cycleId, q.provinceCode));
  }

  @Get('assessments/:unitCode/scorecard.csv')
  @ApiProduces(CSV_CONTENT_TYPE)
  @ApiOperation({ summary: "A commune's scorecard (self vs reviewed per indicator) as CSV" })
  async scorecardCsv(@Param() p: ExportAssessmentParams, @CurrentUser() user: AuthUser, @Res() res: Response) {
    await this.send(res, 'csv', await this.exportScorecard.execute(user, p.cycleId, p.unitCode));
  }

  @Get('assessments/:unitCode/scorecard.xlsx')
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOperation({ summary: "A commune's scorecard (self vs reviewed per indicator) as XLSX" })
  async scorecardXlsx(@Param() p: ExportAssessmentParams, @CurrentUser() user: AuthUser, @Res() res: Response) {
    await this.send(res, 'xlsx', await this.exportScorecard.execute(user, p.cycleId, p.unitCode));
  }

  private async send(res: Response, format: Format, table: ExportTable): Promise<void> {
    res.status(200);
    res.setHeader('content-type', format === 'csv' ? CSV_CONTENT_TYPE : XLSX_CONTENT_TYPE);
    res.setHeader('content-disposition', `attachment; filename="${table.fileBase}.${format}"`);
    res.setHeader('cache-control', 'no-store');
    try {
      await (format === 'csv' ? writeCsv(res, table) : writeXlsx(res, table));
    } catch (error) {
      // Headers are gone: the client sees a cut-off download rather than a wrong file.
      this.logger.error(`export ${table.fileBase}.${format} failed mid-stream: ${(error as Error).message}`);
      res.destroy(error as Error);
    }
  }
}
