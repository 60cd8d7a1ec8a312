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
      const clear =
        kind === 'personName' ? subject.fullName?.original : kind === 'address' ? subject.address?.original : (subject[kind] as string | undefined);
      if (clear) into.set(value, clear);
    }
  }
  const top: Record<string, string> = { account: 'bankAccount', wallet: 'eWallet', phone: 'phone' };
  for (const [field, kind] of Object.entries(top)) {
    if (typeof data[field] === 'string') into.set(blind(kind, data[field] as string), data[field] as string);
  }
}

const BLIND_TOKEN = /[A-Za-z0-9_-]{43}/g;

/** The answer with every blind index it holds replaced by the value it stands for, where that value is known. */
export function reveal<T>(answer: T, clear: ReadonlyMap<string, string>): T {
  if (clear.size === 0) return answer;
  return JSON.parse(JSON.stringify(answer).replace(BLIND_TOKEN, (token) => (clear.has(token) ? JSON.stringify(clear.get(token)).slice(1, -1) : token))) as T;
}
