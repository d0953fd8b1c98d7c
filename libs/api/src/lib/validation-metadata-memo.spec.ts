import { getMetadataStorage, IsInt, IsString, MinLength, validate } from 'class-validator';
import { rememberValidationMetadata } from './validation-metadata-memo';

class Person {
  @IsString()
  name!: string;
}

class Officer extends Person {
  @IsInt()
  level!: number;

  @MinLength(5, { groups: ['strict'] })
  unitCode!: string;
}

const fieldsOf = async (object: object, groups?: string[]) =>
  (await validate(object, groups ? { groups } : {})).map((error) => error.property).sort();

describe('rememberValidationMetadata', () => {
  beforeAll(() => rememberValidationMetadata());

  it('answers the same lookup with the same rules, inherited ones included', async () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Officer, '', false, false, undefined);
    expect(storage.getTargetValidationMetadatas(Officer, '', false, false, undefined)).toBe(first);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
    expect(await fieldsOf(Object.assign(new Officer(), { name: 1, level: 'x', unitCode: 'ab' }))).toEqual(['level', 'name', 'unitCode']);
    expect(await fieldsOf(Object.assign(new Officer(), { name: 'An', level: 2, unitCode: 'ab' }))).toEqual(['unitCode']);
  });

  it('keeps validation groups apart', async () => {
    const officer = Object.assign(new Officer(), { name: 'An', level: 2, unitCode: 'ab' });
    expect(await fieldsOf(officer, ['strict'])).toEqual(['unitCode']);
    expect(await fieldsOf(officer, ['other'])).toEqual([]);
    expect(await fieldsOf(officer)).toEqual(['unitCode']);
  });

  it('sees rules declared after the first lookups, on a class already looked up or a new one', async () => {
    class Citizen extends Person {}
    const valid = { name: 'An', level: 2, unitCode: 'abcde' };
    expect(await fieldsOf(Object.assign(new Citizen(), valid, { ward: 'x' }))).toEqual([]);
    IsInt()(Citizen.prototype, 'ward');
    expect(await fieldsOf(Object.assign(new Citizen(), valid, { ward: 'x' }))).toEqual(['ward']);
    class LateComer extends Officer {
      @IsInt()
      seat!: number;
    }
    expect(await fieldsOf(Object.assign(new LateComer(), valid, { seat: 'x' }))).toEqual(['seat']);
    expect(await fieldsOf(Object.assign(new Officer(), valid, { seat: 'x' }))).toEqual([]);
  });

  it('is applied once however often it is called', () => {
    const storage = getMetadataStorage();
    const patched = storage.getTargetValidationMetadatas;
    rememberValidationMetadata();
    expect(storage.getTargetValidationMetadatas).toBe(patched);
  });
});
