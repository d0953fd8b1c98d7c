import { ArgsType, Field, Float, InputType, Int } from '@nestjs/graphql';
import { Base64Scalar, DateScalar, IsCalendarDate, MAX_BASE64_LENGTH, PaginationArgs, UnitCodeScalar } from '@xaso/api';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import type { PetitionStatus } from '../../domain';
import { PetitionChannel, PetitionKind, PetitionStatusEnum, SubmittableKind } from './petition-enums';

@InputType('GeoPointInput')
export class GeoPointInput {
  @Field(() => Float) @IsNumber() @Min(-90) @Max(90) lat!: number;
  @Field(() => Float) @IsNumber() @Min(-180) @Max(180) lon!: number;
}

@InputType('PetitionerAttachmentInput')
export class AttachmentInput {
  @Field() @IsString() @MaxLength(255) fileName!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() mimeType?: string;
  @Field(() => Base64Scalar, { nullable: true }) @IsOptional() @IsString() @MaxLength(MAX_BASE64_LENGTH) contentBase64?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() storageRef?: string;
}

@InputType('PetitionerInput')
export class PetitionerInput {
  @Field() @IsString() @MinLength(1) @MaxLength(200) fullName!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(20) idNumber?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(20) phone?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(500) address?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(200) email?: string;
  @Field(() => [AttachmentInput], { nullable: true }) @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => AttachmentInput) attachments?: AttachmentInput[];
}

@InputType('SubmitPetitionInput')
export class SubmitPetitionInput {
  @Field(() => UnitCodeScalar) @IsString() unitCode!: string;
  @Field(() => SubmittableKind) @IsEnum(SubmittableKind) kind!: SubmittableKind;
  @Field(() => PetitionChannel) @IsEnum(PetitionChannel) channel!: PetitionChannel;
  @Field() @IsString() @MaxLength(300) title!: string;
  @Field() @IsString() @MaxLength(20_000) content!: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) category?: string;
  @Field(() => GeoPointInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => GeoPointInput) location?: GeoPointInput;
  @Field(() => PetitionerInput, { nullable: true }) @IsOptional() @ValidateNested() @Type(() => PetitionerInput) petitioner?: PetitionerInput;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) petitionerCount?: number;
  @Field({ nullable: true }) @IsOptional() @IsBoolean() remoteArea?: boolean;
  @Field(() => DateScalar, { nullable: true, description: 'Complaint: day of the act or decision complained about (90-day filing limit)' })
  @IsOptional()
  @IsCalendarDate()
  actDate?: string;
}

@ArgsType()
export class PetitionsArgs extends PaginationArgs {
  @Field(() => UnitCodeScalar, { nullable: true }) @IsOptional() @IsString() unitCode?: string;
  @Field(() => PetitionStatusEnum, { nullable: true }) @IsOptional() @IsEnum(PetitionStatusEnum) status?: PetitionStatus;
  @Field(() => PetitionKind, { nullable: true }) @IsOptional() @IsEnum(PetitionKind) kind?: PetitionKind;
  @Field({ nullable: true }) @IsOptional() @IsString() handlerId?: string;
}
