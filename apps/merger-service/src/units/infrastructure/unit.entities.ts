import { Column, Entity, PrimaryColumn } from 'typeorm';

// Table mappings (schema is owned by the migrations). The repository mostly speaks SQL, since the
// registry's work is set-based (bulk upserts, recursive successor walks, batched windows).

@Entity({ name: 'administrative_unit' })
export class AdministrativeUnitRow {
  @PrimaryColumn('text') code!: string;
  @PrimaryColumn('date') validFrom!: string;
  @Column('date', { nullable: true }) validTo!: string | null;
  @Column('text') level!: string;
  @Column('text') type!: string;
  @Column('text') name!: string;
  @Column('text') searchName!: string;
  @Column('text', { nullable: true }) parentCode!: string | null;
  @Column('date', { nullable: true }) parentValidFrom!: string | null;
  @Column('timestamptz') createdAt!: Date;
  @Column('timestamptz') updatedAt!: Date;
}

@Entity({ name: 'unit_link' })
export class UnitLinkRow {
  @PrimaryColumn('text') predecessorCode!: string;
  @PrimaryColumn('date') predecessorValidFrom!: string;
  @PrimaryColumn('text') successorCode!: string;
  @PrimaryColumn('date') successorValidFrom!: string;
  @Column('boolean') divided!: boolean;
}

@Entity({ name: 'village_sequence' })
export class VillageSequenceRow {
  @PrimaryColumn('text') communeCode!: string;
  @PrimaryColumn('date') communeValidFrom!: string;
  @Column('integer') lastValue!: number;
}

export const UNIT_ENTITIES = [AdministrativeUnitRow, UnitLinkRow, VillageSequenceRow];
