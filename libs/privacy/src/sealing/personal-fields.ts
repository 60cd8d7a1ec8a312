/**
 * Which fields of which events hold personal data, and whose record they belong to (the scope
 * of their data key). Each bounded context declares its own; events not listed hold none.
 */
export interface PersonalFields {
  readonly fields: readonly string[];
  /** The data-subject record: one data key per scope, so erasing it touches nothing else. */
  readonly scope: (stream: string, data: Record<string, unknown>) => string;
}

export type PersonalFieldsByEventType = Readonly<Record<string, PersonalFields>>;

export const ERASED = Object.freeze({ erased: true });
