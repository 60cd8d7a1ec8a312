import { StoredEvent } from '@registry/event-store';
import { RegistryFact } from '../domain';
import { Blind, subjectValues } from '../identity-graph/facts-from-events';

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
    for (const { kind, normalised, shown } of subjectValues(subject as never)) into.set(blind(kind, normalised), shown);
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
 * An event whose personal data an answer may show, and which blind indexes it can show: `shows`
 * holds the first SHOWN_PREFIX letters of each, one after the other (a token with another beginning
 * is not among them); null when it can show any (see `showsOf`).
 */
export interface ShownSource {
  readonly position: number;
  readonly shows: string | null;
}

/**
 * Letters of a token that name it among an answer's: two tokens of one answer rarely share them, and
 * when they do, the event of one is only read for the other too (and found not to show it).
 */
const SHOWN_PREFIX = 4;

/**
 * The blind indexes the event a fact came from can reveal (`clearValuesOf`), from the fact alone: a
 * claim's are its subject's identifiers, one fact each (the facts of one claim are kept and removed
 * together), so the claim's facts together name them all; a registration or a link states no
 * personal data the graph compares. An attestation's holder or subscriber, and a pickup point's
 * address and contact, may state more than its fact keeps: null, any.
 */
export function showsOf(fact: RegistryFact): readonly string[] | null {
  switch (fact.kind) {
    case 'shopIdentifier':
      return [fact.identifier.value];
    case 'shopRegistered':
    case 'shopLink':
      return [];
    case 'holderAttestation':
    case 'pickupPoint':
      return null;
  }
}

/** The events of some facts as sources of an answer's values, in position order, without those that can show none. */
export function shownSources(facts: Iterable<{ readonly position: number; readonly fact: RegistryFact }>): ShownSource[] {
  const shown = new Map<number, Set<string> | null>();
  for (const { position, fact } of facts) {
    const tokens = showsOf(fact);
    const known = shown.get(position);
    if (known === null) continue;
    if (tokens === null) shown.set(position, null);
    else if (known) for (const token of tokens) known.add(token.slice(0, SHOWN_PREFIX));
    else shown.set(position, new Set(tokens.map((token) => token.slice(0, SHOWN_PREFIX))));
  }
  return [...shown]
    .filter(([, prefixes]) => prefixes === null || prefixes.size > 0)
    .sort(([a], [b]) => a - b)
    .map(([position, prefixes]) => ({ position, shows: prefixes && [...prefixes].sort().join('') }));
}

/** Clear values read from events: by position, each event's own (`clearValuesOf`); every position asked for has its map, empty when it holds no event. */
export type EventValues = (positions: readonly number[]) => Promise<Map<number, ReadonlyMap<string, string>>>;

/**
 * The value behind each of the tokens from the sources, as `clearValuesOf` over all of their events
 * in position order gives it (the last event that states a token wins; an erased one states
 * nothing), read from the fewest events: for each token, the latest source that can show it (and any
 * later source that can show anything); only where that event no longer shows it (erased since the
 * view was kept) are the token's earlier sources read, all at once.
 */
export async function clearValuesFrom(tokens: Iterable<string>, sources: readonly ShownSource[], read: EventValues): Promise<Map<string, string>> {
  const latestFirst = [...sources].sort((a, b) => b.position - a.position);
  const byPrefix = new Map<string, ShownSource[]>();
  const any: ShownSource[] = [];
  for (const source of latestFirst) {
    if (source.shows === null) any.push(source);
    else
      for (let at = 0; at < source.shows.length; at += SHOWN_PREFIX) {
        const prefix = source.shows.slice(at, at + SHOWN_PREFIX);
        const list = byPrefix.get(prefix);
        if (list === undefined) byPrefix.set(prefix, [source]);
        else if (list[list.length - 1] !== source) list.push(source);
      }
  }
  const candidates = new Map<string, readonly ShownSource[]>();
  for (const token of tokens) {
    const some = mergedLatestFirst(byPrefix.get(token.slice(0, SHOWN_PREFIX)) ?? [], any);
    if (some.length > 0) candidates.set(token, some);
  }
  const values = new Map<number, ReadonlyMap<string, string>>();
  const readAll = async (positions: Set<number>) => {
    for (const [position, found] of await read([...positions])) values.set(position, found);
  };
  const first = new Set<number>();
  for (const some of candidates.values()) {
    for (const source of some) {
      first.add(source.position);
      if (source.shows !== null) break;
    }
  }
  await readAll(first);
  const clear = new Map<string, string>();
  const unsettled = settle(candidates, values, clear);
  if (unsettled.length > 0) {
    const rest = new Set<number>();
    for (const token of unsettled) for (const source of candidates.get(token)!) if (!values.has(source.position)) rest.add(source.position);
    await readAll(rest);
    settle(candidates, values, clear);
  }
  return clear;
}

/** Sets each token's value from its latest source that shows it, where every later one was read; returns the tokens that need more read. */
function settle(
  candidates: ReadonlyMap<string, readonly ShownSource[]>,
  values: ReadonlyMap<number, ReadonlyMap<string, string>>,
  clear: Map<string, string>,
): string[] {
  const unsettled: string[] = [];
  for (const [token, some] of candidates) {
    if (clear.has(token)) continue;
    for (const source of some) {
      const found = values.get(source.position);
      if (found === undefined) {
        unsettled.push(token);
        break;
      }
      const value = found.get(token);
      if (value !== undefined) {
        clear.set(token, value);
        break;
      }
    }
  }
  return unsettled;
}

function mergedLatestFirst(a: readonly ShownSource[], b: readonly ShownSource[]): readonly ShownSource[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  return [...a, ...b].sort((x, y) => y.position - x.position);
}

/** The tokens `reveal` would look up in an answer: every run of 43 token letters in its JSON text (see `text`). */
export function tokensIn(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') return tokensOfText(value, into);
  if (typeof value !== 'object' || value === null) return into;
  if (Array.isArray(value)) {
    for (const item of value) tokensIn(item, into);
    return into;
  }
  const prototype = Object.getPrototypeOf(value);
  if ((prototype !== Object.prototype && prototype !== null) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    // Revealed through its JSON text (see `reveal`).
    const json = JSON.stringify(value) as string | undefined;
    if (json !== undefined) for (const match of json.matchAll(BLIND_TOKEN)) into.add(match[0]);
    return into;
  }
  for (const key of Object.keys(value)) {
    tokensOfText(key, into);
    tokensIn((value as Record<string, unknown>)[key], into);
  }
  return into;
}

function tokensOfText(value: string, into: Set<string>): Set<string> {
  if (value.length < SHORTEST_WITH_TOKEN) return into;
  // A string with an escape is revealed in its JSON text, where the escape's letters may run into a token.
  if (ESCAPED.test(value)) {
    for (const match of JSON.stringify(value).matchAll(BLIND_TOKEN)) into.add(match[0]);
    return into;
  }
  if (value.length === TOKEN_LENGTH) {
    if (WHOLE_TOKEN.test(value)) into.add(value);
    return into;
  }
  BLIND_TOKEN.lastIndex = 0;
  for (let match = BLIND_TOKEN.exec(value); match !== null; match = BLIND_TOKEN.exec(value)) into.add(match[0]);
  return into;
}

const WHOLE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

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
