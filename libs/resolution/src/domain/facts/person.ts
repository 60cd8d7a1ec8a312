import { PersonIdentity } from './facts';

/**
 * A person as the graph knows them. The key is the national ID, else the tax code, else the name:
 * only a key from an ID number ever joins shops, a name never does.
 */
export interface PersonRef {
  readonly key: string;
  readonly nationalId: string | null;
  readonly taxCode: string | null;
  readonly name: string | null;
}

export function personOf(identity: PersonIdentity): PersonRef | null {
  const nationalId = identity.nationalId ?? null;
  const taxCode = identity.taxCode ?? null;
  const name = identity.personName ?? null;
  const key = nationalId !== null ? `nationalId:${nationalId}` : taxCode !== null ? `taxCode:${taxCode}` : name !== null ? `personName:${name}` : null;
  return key === null ? null : { key, nationalId, taxCode, name };
}

/** Whether the person is known by an ID number, so that the same key elsewhere is the same person. */
export const isIdentified = (person: PersonRef): boolean => person.nationalId !== null || person.taxCode !== null;

/** The key of a person known by an ID number (the only key that joins shops), else null. */
export function identifiedKeyOf(identity: PersonIdentity): string | null {
  const person = personOf(identity);
  return person !== null && isIdentified(person) ? person.key : null;
}

/** Two descriptions of the same person (same key) completed with each other's details. */
export const mergePerson = (a: PersonRef, b: PersonRef): PersonRef => ({
  key: a.key,
  nationalId: a.nationalId ?? b.nationalId,
  taxCode: a.taxCode ?? b.taxCode,
  name: a.name ?? b.name,
});

/** Whether two descriptions name the same person: a shared ID number, or the same key. */
export const samePerson = (a: PersonRef, b: PersonRef): boolean =>
  a.key === b.key || (a.nationalId !== null && a.nationalId === b.nationalId) || (a.taxCode !== null && a.taxCode === b.taxCode);
