/** An event as the domain sees it: a type and its data. Ids, versions and metadata belong to the store. */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/** Pure decision logic of one stream: what happened (evolve) and what happens next (decide). */
export interface Decider<State, Command, Event extends DomainEvent> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: Event) => State;
  /** Returns the new events, none when the command would change nothing, or throws a DomainError. */
  readonly decide: (command: Command, state: State) => Event[];
}

export function foldEvents<State, Event extends DomainEvent>(
  decider: Pick<Decider<State, unknown, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
