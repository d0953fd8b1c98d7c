import { ArgsType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Connection, PaginationArgs } from '@xaso/api';

@ObjectType('Procedure', { description: 'Thủ tục hành chính' })
export class ProcedureModel {
  @Field(() => ID) code!: string;
  @Field() name!: string;
  @Field({ description: 'Lĩnh vực' }) field!: string;
  @Field({ description: 'Cấp có thẩm quyền giải quyết' }) competentLevel!: string;
  @Field(() => Int, { description: 'Thời hạn giải quyết (ngày làm việc)' }) processingDays!: number;
  @Field(() => Float, { description: 'Lệ phí (VND)' }) fee!: number;
  @Field(() => String, { nullable: true }) feeNote!: string | null;
  @Field(() => [String], { description: 'Thành phần hồ sơ' }) requiredDocuments!: string[];
  @Field({ description: 'FULL (toàn trình) or PARTIAL (một phần)' }) onlineLevel!: string;
  @Field() active!: boolean;
}

@ObjectType('ProcedureConnection')
export class ProcedureConnection extends Connection(ProcedureModel, 'Procedure') {}

@ArgsType()
export class ProceduresArgs extends PaginationArgs {
  @Field({ nullable: true, description: 'Part of the code, name or field; accents and case ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;
}
