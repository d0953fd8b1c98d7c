import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class RollCsvDto {
  @ApiProperty({ description: 'CSV text with the header householdId,idNumber,name,villageCode', example: 'householdId,idNumber,name,villageCode\nH-1,001085000001,Nguyễn Văn A,T01' })
  @IsString()
  @MaxLength(20_000_000)
  csv!: string;
}
