import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export const ROLL_CSV_EXAMPLE = 'householdId,idNumber,name,villageCode\nH-1,001085000001,Nguyễn Văn A,T01\nH-2,001085000002,"Trần Thị B",T01';

/** The JSON form of a roll upload (small rolls; the text/csv body has no 20,000-character string limit). */
export class RollCsvDto {
  @ApiProperty({ description: 'CSV text with the header householdId,idNumber,name,villageCode', example: ROLL_CSV_EXAMPLE })
  @IsString()
  @MaxLength(20_000_000)
  csv!: string;
}

export class ReplaceRepresentativeDto {
  @ApiProperty({ example: 'H-1' }) @IsString() @MaxLength(64) householdId!: string;
  @ApiProperty({ example: '001085000099', description: '12-digit ID number of the new representative' }) @IsString() @MaxLength(20) idNumber!: string;
  @ApiProperty({ example: 'Nguyễn Thị C' }) @IsString() @MaxLength(200) name!: string;
  @ApiProperty({ example: 'Chủ hộ đi làm ăn xa' }) @IsString() @MaxLength(1000) reason!: string;
}
