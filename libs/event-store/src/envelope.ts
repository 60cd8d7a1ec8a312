/** Who caused an event and why: carried by every event, never part of its data. */
export interface EventMetadata {
  readonly correlationId: string;
  readonly causationId: string | null;
  /** The principal (platform, partner, officer, system job) whose request caused the event. */
  readonly principal: string;
  readonly [extra: string]: unknown;
}

/** An event as a writer hands it to the store. */
export interface NewEvent<T extends string = string, D = unknown> {
  readonly id: string;
  readonly type: T;
  readonly schemaVersion?: number;
  readonly data: D;
  readonly metadata: EventMetadata;
}

/** The one envelope every stored event has. */
export interface StoredEvent<T extends string = string, D = unknown> {
  readonly id: string;
  readonly stream: string;
  /** 1 for the first event of a stream. */
  readonly version: number;
  /** Global order across all streams; gaps are possible, reordering is not. */
  readonly position: number;
  readonly type: T;
  readonly schemaVersion: number;
  readonly data: D;
  readonly metadata: EventMetadata;
  /** When the store accepted the event (ISO 8601, UTC). */
  readonly recordedAt: string;
  /** Set when part of the data is personal and stored encrypted: which key, and whether it was erased. */
  readonly personalData?: PersonalDataEnvelope;
}

export interface PersonalDataEnvelope {
  readonly keyId: string;
  readonly algorithm: string;
  /** The top-level data fields that were encrypted. */
  readonly fields: readonly string[];
  /** The key was destroyed (erasure): those fields read `{ erased: true }`. */
  readonly erased: boolean;
}

/** `no_stream`: the stream must not exist yet; a number: the stream must be at exactly that version. */
export type ExpectedVersion = 'no_stream' | 'any' | number;

export interface AppendResult {
  /** The stream version after the append (the version of its last event). */
  readonly nextVersion: number;
  readonly positions: readonly number[];
}
