import { AttestationEvent, AttestationStatement } from './attestation.events';

export type AttestationState =
  | { readonly exists: false }
  | {
      readonly exists: true;
      /** The statement that stands: the latest one. */
      readonly type: AttestationStatement['type'];
      readonly data: AttestationStatement['data'];
      /** A withdrawn record is closed for good. */
      readonly withdrawn: boolean;
    };

export const initialAttestationState = (): AttestationState => ({ exists: false });

export function evolveAttestation(state: AttestationState, event: AttestationEvent): AttestationState {
  if (event.type === 'AttestationWithdrawn') return state.exists ? { ...state, withdrawn: true } : state;
  return { exists: true, type: event.type, data: event.data, withdrawn: false };
}
