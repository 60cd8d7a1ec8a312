/**
 * What an officer types once per browser session: the enforcement API key, and the case and
 * purpose every read is recorded under. Kept in sessionStorage, so closing the tab ends it.
 */
export interface Session {
  readonly apiKey: string;
  readonly caseReference: string;
  /** A code from the registry's list (libs/resolution/src/audit/purpose-codes.ts). */
  readonly purpose: string;
  readonly purposeNote?: string;
}

const KEY = 'registry-workspace-session';

export function currentSession(): Session | null {
  const stored = sessionStorage.getItem(KEY);
  return stored ? (JSON.parse(stored) as Session) : null;
}

export function startSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function endSession(): void {
  sessionStorage.removeItem(KEY);
}
