import { IsString, MaxLength, MetadataStorage, ValidationTypes, getMetadataStorage, validate } from 'class-validator';
import { rememberValidationRules } from './validation-rules-cache';

class Note {
  @IsString()
  @MaxLength(5)
  text!: string;
}

describe('rememberValidationRules', () => {
  it('looks up the rules of a class once for the same options, and groups them once', () => {
    const storage = new MetadataStorage();
    const lookUp = jest.spyOn(storage, 'getTargetValidationMetadatas');
    const group = jest.spyOn(storage, 'groupByPropertyName');
    rememberValidationRules(storage);
    const first = storage.getTargetValidationMetadatas(Note, '', false, false);
    expect(storage.getTargetValidationMetadatas(Note, '', false, false)).toBe(first);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
    storage.getTargetValidationMetadatas(Note, '', false, false, ['admin']);
    expect(lookUp).toHaveBeenCalledTimes(2);
    expect(group).toHaveBeenCalledTimes(1);
  });

  it('looks up again once a rule is registered after the first lookup', () => {
    const storage = new MetadataStorage();
    rememberValidationRules(storage);
    expect(storage.getTargetValidationMetadatas(Note, '', false, false)).toHaveLength(0);
    storage.addValidationMetadata({ type: ValidationTypes.IS_DEFINED, target: Note, propertyName: 'text', groups: [] } as never);
    expect(storage.getTargetValidationMetadatas(Note, '', false, false)).toHaveLength(1);
  });

  it('validates as before on the registry’s storage', async () => {
    rememberValidationRules(getMetadataStorage());
    const note = (text: unknown) => Object.assign(new Note(), { text });
    expect(await validate(note('short'))).toEqual([]);
    expect((await validate(note('far too long'))).map((e) => Object.keys(e.constraints ?? {}))).toEqual([['maxLength']]);
    expect((await validate(note('short'))).length + (await validate(note(42))).length).toBe(1);
  });
});
