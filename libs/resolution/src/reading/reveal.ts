import { StoredEvent } from '@registry/event-store';
import { Blind, identifiersOf } from '../identity-graph/facts-from-events';

interface Text {
  readonly original?: string;
  readonly folded?: string;
}
type SubjectLike = Record<string, unknown> & { fullName?: Text; address?: Text };

/** Each blind index in the event's personal data, with the value it stands for (names and addresses as written). */
export function clearValuesOf(event: StoredEvent, blind: Blind, into: Map<string, string>): void {
  if (event.personalData?.erased) return;
  const data = event.data as Record<string, unknown>;
  const subjects: SubjectLike[] = [];
  for (const field of ['subject', 'holder', 'subscriber', 'address', 'contact']) {
    const value = data[field];
    if (value && typeof value === 'object' && !(value as { erased?: boolean }).erased) subjects.push(value as SubjectLike);
  }
  for (const subject of subjects) {
    for (const { kind, value } of identifiersOf(subject as never, blind)) {
      const clear = kind === 'personName' ? subject.fullName?.original : kind === 'address' ? subject.address?.original : (subject[kind] as string | undefined);
      if (clear) into.set(value, clear);
    }
  }
  for (const [field, kind] of TOP_LEVEL) {
    if (typeof data[field] === 'string') into.set(blind(kind, data[field] as string), data[field] as string);
  }
}

/** Identifiers an event states outside a subject, by field, with their kind. */
const TOP_LEVEL: readonly (readonly [string, string])[] = [
  ['account', 'bankAccount'],
  ['wallet', 'eWallet'],
  ['phone', 'phone'],
];

const TOKEN_LENGTH = 43;
const BLIND_TOKEN = /[A-Za-z0-9_-]{43}/g;

/**
 * The answer with every blind index it holds replaced by the value it stands for, where that value
 * is known: what replacing the tokens in the answer's JSON text and parsing it again gives (so
 * `JSON.stringify`'s rules hold: undefined members dropped, non-finite numbers null), without
 * writing and parsing the whole answer. An answer it cannot copy so (a Date, a Map, a class) takes
 * that way after all.
 */
export function reveal<T>(answer: T, clear: ReadonlyMap<string, string>): T {
  if (clear.size === 0) return answer;
  try {
    return copy(answer, clear) as T;
  } catch (error) {
    if (error !== NOT_PLAIN) throw error;
    return revealedJson(answer, clear);
  }
}

/**
 * What `reveal` gives, for an answer built for this read alone that nothing else holds (an operator
 * unpacked from its view row): strings are replaced where they stand, in the answer's own objects
 * and arrays, instead of in a copy of it. Those objects and arrays are changed: never pass data that
 * something else keeps (a resolved graph's profiles, a cached value). A part that is not plain
 * JSON data (a Date, a Map, a key holding a token) is revealed apart, as `reveal` reveals it.
 */
export function revealOwned<T>(answer: T, clear: ReadonlyMap<string, string>): T {
  if (clear.size === 0) return answer;
  return inPlace(answer, clear) as T;
}

function inPlace(value: unknown, clear: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return text(value, clear);
  if (typeof value !== 'object' || value === null) return reveal(value, clear);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      value[i] = item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : inPlace(item, clear);
    }
    return value;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype || typeof (value as { toJSON?: unknown }).toJSON === 'function') return reveal(value, clear);
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  // A key that a token would change (or one JSON treats apart) is rare: that object is revealed as a copy.
  for (const key of keys) if (key === '__proto__' || text(key, clear) !== key) return reveal(object, clear);
  for (const key of keys) {
    const member = object[key];
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') delete object[key];
    else object[key] = inPlace(member, clear);
  }
  return object;
}

function revealedJson<T>(answer: T, clear: ReadonlyMap<string, string>): T {
  return JSON.parse(JSON.stringify(answer).replace(BLIND_TOKEN, (token) => (clear.has(token) ? JSON.stringify(clear.get(token)).slice(1, -1) : token))) as T;
}

const NOT_PLAIN = Symbol('not plain JSON data');
/** What JSON writes with an escape whose letters could run into a token: control characters, lone surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const ESCAPED = /[\u0000-\u001f\ud800-\udfff]/;

/**
 * Shorter strings hold no token, in JSON either: a run of token letters in JSON text is at most the
 * five letters ending an escape (`\u001f`) and the plain letters after it, and the escape's
 * backslash ends the run before it. Most of an answer's strings and all its keys are shorter.
 */
const SHORTEST_WITH_TOKEN = TOKEN_LENGTH - 5 + 1;

function text(value: string, clear: ReadonlyMap<string, string>): string {
  if (value.length < SHORTEST_WITH_TOKEN) return value;
  if (ESCAPED.test(value)) return revealedJson(value, clear);
  // A blind index alone, the most common long string: the map's keys are all tokens, so no match is no token.
  if (value.length === TOKEN_LENGTH) return clear.get(value) ?? value;
  return value.replace(BLIND_TOKEN, (token) => clear.get(token) ?? token);
}

function copy(value: unknown, clear: ReadonlyMap<string, string>): unknown {
  switch (typeof value) {
    case 'string':
      return text(value, clear);
    case 'number':
      return Number.isFinite(value) ? value + 0 : null;
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      throw NOT_PLAIN;
  }
  if (value === null) return null;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      out[i] = item === undefined || typeof item === 'function' || typeof item === 'symbol' ? null : copy(item, clear);
    }
    return out;
  }
  const prototype = Object.getPrototypeOf(value);
  if ((prototype !== Object.prototype && prototype !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') throw NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const member = (value as Record<string, unknown>)[key];
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    const name = text(key, clear);
    if (name === '__proto__') throw NOT_PLAIN;
    out[name] = copy(member, clear);
  }
  return out;
}
