import { ApiProperty } from '@nestjs/swagger';

export const LEGACY_CSV_COLUMNS = [
  'agencyCode', 'originalCode', 'procedureCode', 'receivedDate', 'dueDate', 'status', 'applicantName', 'applicantIdNumber', 'applicantPhone', 'address', 'closedDate',
] as const;

export const LEGACY_CSV_EXAMPLE =
  `${LEGACY_CSV_COLUMNS.join(',')}\n00001,H29.1-250601-0007,HT.010,2025-06-01,2025-06-10,Đang xử lý,Nguyễn Văn A,001090001234,0912345678,"12 Phúc Xá, Ba Đình",`;

class LegacyApplicantDto {
  @ApiProperty({ example: 'Nguyễn Văn A' }) fullName!: string;
  @ApiProperty({ example: '001090001234', description: '12-digit personal ID number' }) idNumber!: string;
  @ApiProperty({ required: false, nullable: true, example: '0912345678' }) phone?: string | null;
}

/** One dossier of an old district or commune system. */
export class LegacyDossierRowDto {
  @ApiProperty({ example: '00001', description: 'The legacy unit that received it: a commune or district in force on the received date, before 2025-07-01' })
  agencyCode!: string;
  @ApiProperty({ example: 'H29.1-250601-0007', description: 'The code on the citizen\'s receipt (tracks the dossier in Xã Số too)' }) originalCode!: string;
  @ApiProperty({ example: 'HT.010', description: 'A procedure of the catalogue' }) procedureCode!: string;
  @ApiProperty({ example: '2025-06-01', description: 'YYYY-MM-DD (local) or an ISO instant with offset; before 2025-07-01' }) receivedDate!: string;
  @ApiProperty({ example: '2025-06-10', description: 'YYYY-MM-DD (17:00 local) or an ISO instant' }) dueDate!: string;
  @ApiProperty({ example: 'Đang xử lý', description: 'The old system\'s status (Mới tiếp nhận, Đang xử lý, Chờ bổ sung, Đã có kết quả, Đã trả kết quả, Từ chối, Dừng xử lý, Rút hồ sơ; accents optional) or ours' })
  status!: string;
  @ApiProperty({ required: false, nullable: true, description: 'Finished dossiers: when they were closed (default: the received date)' }) closedDate?: string | null;
  @ApiProperty({ type: LegacyApplicantDto }) applicant!: LegacyApplicantDto;
  @ApiProperty({ required: false, nullable: true, example: '12 Phúc Xá, Ba Đình, Hà Nội' }) address?: string | null;
}

class LegacyImportRowResultDto {
  @ApiProperty() row!: number;
  @ApiProperty() agencyCode!: string;
  @ApiProperty() originalCode!: string;
  @ApiProperty({ description: 'The dossier\'s code in Xã Số' }) code!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ description: 'false: an earlier call imported it; nothing changed' }) imported!: boolean;
}

export class LegacyImportResultDto {
  @ApiProperty() imported!: number;
  @ApiProperty() alreadyImported!: number;
  @ApiProperty({ type: [LegacyImportRowResultDto] }) rows!: LegacyImportRowResultDto[];
}
