import { EventCodec, NewEvent, Sql, StoredEvent, StreamEvents } from '@registry/event-store';
import { ALGORITHM, Sealed, open, seal } from '../crypto/aes-gcm';
import { DataKeyStore } from '../data-keys/data-key-store';
import { ERASED, PersonalFieldsByEventType } from './personal-fields';
import { shapedValue, unshapedValue } from './shaped-values';

/**
 * How personal fields are stored inside an event's data: one string under `$s`,
 * `<key id>.<field,field>.<base64 of IV ‖ ciphertext ‖ tag>`, AES-256-GCM, the plaintext the JSON
 * array of the fields' values with their objects shaped (`shaped-values.ts`: a subject without its
 * key names, about 40 characters fewer per claim). Events written before keep their form and are
 * read as they are: under `$p` the same string, the values as they were (issue 12, about 150
 * characters fewer per event than the first form); under `$personal` the first form, an object
 * with the key id, the algorithm, the fields and three base64 strings, the plaintext an object by field.
 */
const SEALED = '$s';
const SEALED_UNSHAPED = '$p';
const SEALED_BEFORE = '$personal';

interface SealedBefore extends Sealed {
  readonly keyId: string;
  readonly alg: string;
  readonly fields: readonly string[];
}

interface SealedFields {
  /** Where the data holds it. */
  readonly form: typeof SEALED | typeof SEALED_UNSHAPED | typeof SEALED_BEFORE;
  readonly keyId: string;
  readonly algorithm: string;
  readonly fields: readonly string[];
  /** Opens to the fields' values: an array in the order of `fields` (shaped under `$s`), an object by field (first form). */
  readonly sealed: Buffer | Sealed;
}

/**
 * Encrypts the personal fields of events as they are appended (AES-256-GCM, a data key per
 * data-subject scope, the ciphertext bound to its stream and event id) and decrypts them as
 * they are read. Where the key was destroyed, the fields read `{ erased: true }`.
 */
export class PersonalDataCodec implements EventCodec {
  constructor(
    private readonly keys: DataKeyStore,
    private readonly personal: PersonalFieldsByEventType,
  ) {}

  async encode(tx: Sql, batch: readonly StreamEvents[]): Promise<StreamEvents[]> {
    // Only events that hold a personal field need a key: an enforcement read's audit record without
    // a note (most of them) asks for none. A record written once (scope null) takes a key of its own.
    const blind = (personal: string) => this.keys.scopeDigest(personal);
    const scopes = batch.map(({ stream, events }) =>
      events.map((e) => (holdsPersonal(e, this.personal) ? this.personal[e.type].scope(stream, e.data as Record<string, unknown>, blind) : undefined)),
    );
    const all = scopes.flat();
    const keys = await this.keys.keysForScopes(
      tx,
      all.filter((scope): scope is string => typeof scope === 'string'),
      all.filter((scope) => scope === null).length,
    );
    let unscoped = 0;
    return batch.map(({ stream, events }, b) => ({
      stream,
      events: events.map((event, e) => {
        const scope = scopes[b][e];
        if (scope === undefined) return event;
        const { kept, values, fields } = split(event.data as Record<string, unknown>, this.personal[event.type].fields);
        const { keyId, key } = scope === null ? keys.unscoped[unscoped++] : keys.scoped.get(scope)!;
        const plaintext = Buffer.from(JSON.stringify(values.map(shapedValue)));
        kept[SEALED] = `${keyId}.${fields.join(',')}.${seal(key, plaintext, aad(stream, event)).toString('base64')}`;
        return { ...event, data: kept };
      }),
    }));
  }

  async decode(events: StoredEvent[]): Promise<StoredEvent[]> {
    const sealedFields = events.map(sealedOf);
    const sealedIds = sealedFields.flatMap((sealed) => (sealed ? [sealed.keyId] : []));
    if (sealedIds.length === 0) return events;
    const keys = await this.keys.keysById(sealedIds);
    return events.map((event, i) => {
      const sealed = sealedFields[i];
      if (!sealed) return event;
      const data = withoutSealed(event.data as Record<string, unknown>, sealed);
      const key = keys.get(sealed.keyId) ?? null;
      const plaintext: unknown = key ? JSON.parse(open(key, sealed.sealed, aad(event.stream, event)).toString()) : null;
      for (let n = 0; n < sealed.fields.length; n++) {
        const field = sealed.fields[n];
        if (!plaintext) data[field] = ERASED;
        else if (sealed.form === SEALED) data[field] = unshapedValue((plaintext as unknown[])[n]);
        else if (sealed.form === SEALED_UNSHAPED) data[field] = (plaintext as unknown[])[n];
        else data[field] = (plaintext as Record<string, unknown>)[field];
      }
      return {
        ...event,
        data,
        personalData: { keyId: sealed.keyId, algorithm: sealed.algorithm, fields: sealed.fields, erased: key === null },
      };
    });
  }
}

/** Whether the event has a personal field to seal (one with a value). */
function holdsPersonal(event: NewEvent, personal: PersonalFieldsByEventType): boolean {
  const spec = personal[event.type];
  if (!spec) return false;
  const data = event.data as Record<string, unknown>;
  return spec.fields.some((field) => Object.prototype.hasOwnProperty.call(data, field) && data[field] !== undefined);
}

/** The data without its personal fields, and those fields' names and values apart (built anew: `delete` would slow the object down). */
function split(data: Record<string, unknown>, personalFields: readonly string[]) {
  const kept: Record<string, unknown> = {};
  const values: unknown[] = [];
  const fields: string[] = [];
  for (const name in data) {
    if (data[name] === undefined) continue;
    if (personalFields.includes(name)) {
      values.push(data[name]);
      fields.push(name);
    } else kept[name] = data[name];
  }
  return { kept, values, fields };
}

const aad = (stream: string, event: Pick<NewEvent, 'id'>) => `${stream}\u0000${event.id}`;

function sealedOf(event: StoredEvent): SealedFields | undefined {
  const data = event.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object') return undefined;
  const form = typeof data[SEALED] === 'string' ? SEALED : typeof data[SEALED_UNSHAPED] === 'string' ? SEALED_UNSHAPED : null;
  if (form !== null) {
    const [keyId, fields, sealed] = (data[form] as string).split('.', 3);
    return { form, keyId, algorithm: ALGORITHM, fields: fields.split(','), sealed: Buffer.from(sealed, 'base64') };
  }
  const before = data[SEALED_BEFORE] as SealedBefore | undefined;
  return before && { form: SEALED_BEFORE, keyId: before.keyId, algorithm: before.alg, fields: before.fields, sealed: before };
}

/** The data without its sealed fields, in a new object (a rest pattern with a computed key costs a runtime call per event). */
function withoutSealed(data: Record<string, unknown>, sealed: SealedFields): Record<string, unknown> {
  const dropped = sealed.form;
  const kept: Record<string, unknown> = {};
  for (const name in data) if (name !== dropped && Object.prototype.hasOwnProperty.call(data, name)) kept[name] = data[name];
  return kept;
}
