import { EventCodec, NewEvent, Sql, StoredEvent, StreamEvents } from '@registry/event-store';
import { ALGORITHM, Sealed, open, seal } from '../crypto/aes-gcm';
import { DataKeyStore } from '../data-keys/data-key-store';
import { ERASED, PersonalFieldsByEventType } from './personal-fields';

/** How personal fields are stored inside an event's data: the key id and algorithm travel with them. */
interface SealedFields extends Sealed {
  readonly keyId: string;
  readonly alg: string;
  readonly fields: readonly string[];
}

const SEALED = '$personal';

/**
 * Encrypts the personal fields of events as they are appended (AES-256-GCM, a data key per
 * data-subject record, the ciphertext bound to its stream and event id) and decrypts them as
 * they are read. Where the key was destroyed, the fields read `{ erased: true }`.
 */
export class PersonalDataCodec implements EventCodec {
  constructor(
    private readonly keys: DataKeyStore,
    private readonly personal: PersonalFieldsByEventType,
  ) {}

  async encode(tx: Sql, batch: readonly StreamEvents[]): Promise<StreamEvents[]> {
    const scopes = batch.flatMap(({ stream, events }) =>
      events.filter((e) => this.personal[e.type]).map((e) => this.personal[e.type].scope(stream, e.data as Record<string, unknown>)),
    );
    const keys = await this.keys.keysForScopes(tx, scopes);
    return batch.map(({ stream, events }) => ({
      stream,
      events: events.map((event) => {
        const spec = this.personal[event.type];
        if (!spec) return event;
        const { kept, personal, fields } = split(event.data as Record<string, unknown>, spec.fields);
        if (fields.length === 0) return event;
        const { keyId, key } = keys.get(spec.scope(stream, event.data as Record<string, unknown>))!;
        kept[SEALED] = { keyId, alg: ALGORITHM, fields, ...seal(key, Buffer.from(JSON.stringify(personal)), aad(stream, event)) } satisfies SealedFields;
        return { ...event, data: kept };
      }),
    }));
  }

  async decode(events: StoredEvent[]): Promise<StoredEvent[]> {
    const sealedIds = events.flatMap((e) => {
      const sealed = sealedOf(e);
      return sealed ? [sealed.keyId] : [];
    });
    if (sealedIds.length === 0) return events;
    const keys = await this.keys.keysById(sealedIds);
    return events.map((event) => {
      const sealed = sealedOf(event);
      if (!sealed) return event;
      const { [SEALED]: _, ...data } = event.data as Record<string, unknown>;
      const key = keys.get(sealed.keyId) ?? null;
      const personal = key ? (JSON.parse(open(key, sealed, aad(event.stream, event)).toString()) as Record<string, unknown>) : null;
      for (const field of sealed.fields) data[field] = personal ? personal[field] : ERASED;
      return {
        ...event,
        data,
        personalData: { keyId: sealed.keyId, algorithm: sealed.alg, fields: sealed.fields, erased: key === null },
      };
    });
  }
}

/** The data without its personal fields, and those fields apart (built anew: `delete` would slow the object down). */
function split(data: Record<string, unknown>, personalFields: readonly string[]) {
  const kept: Record<string, unknown> = {};
  const personal: Record<string, unknown> = {};
  const fields: string[] = [];
  for (const name in data) {
    if (data[name] === undefined) continue;
    if (personalFields.includes(name)) {
      personal[name] = data[name];
      fields.push(name);
    } else kept[name] = data[name];
  }
  return { kept, personal, fields };
}

const aad = (stream: string, event: Pick<NewEvent, 'id'>) => `${stream}\u0000${event.id}`;

function sealedOf(event: StoredEvent): SealedFields | undefined {
  const data = event.data as Record<string, unknown> | null;
  return data && typeof data === 'object' ? (data[SEALED] as SealedFields | undefined) : undefined;
}
