import { Decider, DomainEvent, foldEvents } from '../decider';
import { DomainError, DomainErrorKind } from '../domain-error';

/** given(events).when(command).then(events): a decider spec that reads as the behaviour it checks. */
export function deciderSpec<S, C, E extends DomainEvent>(decider: Decider<S, C, E>) {
  return (given: readonly E[] = []) => ({
    when: (command: C) => {
      const run = () => decider.decide(command, foldEvents(decider, given));
      return {
        then: (expected: readonly E[]) => expect(run()).toEqual(expected),
        thenNothingHappens: () => expect(run()).toEqual([]),
        thenFails: (kind: DomainErrorKind, message?: string | RegExp) => {
          let thrown: unknown;
          try {
            run();
          } catch (error) {
            thrown = error;
          }
          expect(thrown).toBeInstanceOf(DomainError);
          expect((thrown as DomainError).kind).toBe(kind);
          if (message) expect((thrown as DomainError).message).toMatch(message);
        },
      };
    },
  });
}
