/**
 * Which fields of which events hold personal data, and whose record they belong to (the scope
 * of their data key). Each bounded context declares its own; events not listed hold none.
 */
export interface PersonalFields {
  readonly fields: readonly string[];
  /**
   * The data-subject record: one data key per scope, so erasing it touches nothing else. A scope is
   * stored in clear beside its key (`data_key_scopes`): a personal value that tells subjects apart
   * goes in only through `blind`, a keyed digest (see `data-subject-scope.ts`). Null for a record
   * that is this event alone (a claim that names no one: a claim is added once): a key of its own,
   * which no later event looks up.
   */
  readonly scope: (stream: string, data: Record<string, unknown>, blind: (personal: string) => string) => string | null;
}

export type PersonalFieldsByEventType = Readonly<Record<string, PersonalFields>>;

export const ERASED = Object.freeze({ erased: true });
