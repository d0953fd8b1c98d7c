import { foldVietnamese } from '@xaso/text';
import { UNIT_TYPES, UnitLevel } from './unit';

/** Villages (Thôn) and residential groups (Tổ dân phố) hang under a commune. */
export const VILLAGE_TYPES = UNIT_TYPES[UnitLevel.VILLAGE];

export const isVillageType = (type: string): boolean => VILLAGE_TYPES.includes(type.normalize('NFC'));

/** `<communeCode>-<NNN>`: a per-commune sequence, at least three digits. */
export function villageCode(communeCode: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`bad village sequence ${sequence}`);
  return `${communeCode}-${String(sequence).padStart(3, '0')}`;
}

export function normaliseVillageName(name: string): string {
  return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** "Thôn" + "Phú Mỹ" → "Thôn Phú Mỹ"; a name that already starts with its type keeps it ("Thôn Phú Mỹ"). */
export function villageFullName(type: string, name: string): string {
  return foldVietnamese(name).startsWith(`${foldVietnamese(type)} `) ? name : `${type} ${name}`;
}
