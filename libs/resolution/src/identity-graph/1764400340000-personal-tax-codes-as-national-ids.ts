import { DialectMigration } from '@registry/event-store';

/**
 * A personal tax code (12 digits: the holder's personal ID number, Circular 86/2024/TT-BTC) is now a
 * fact on the national ID it is, so that a shop declaring it as a tax code joins a shop declaring it
 * as a national ID. The graph built before holds it as a tax code: emptied here as `reset` empties it
 * (the operator view loses its point and is built again), it is rebuilt from the events on start. No
 * event is rewritten; reads walk the graph at the position it has reached meanwhile, and the
 * operator-revenue worker, which follows the graph, may attribute against it until it is back.
 */
const rebuild = [
  'DELETE FROM resolution_facts',
  'DELETE FROM resolution_data_keys',
  'DELETE FROM resolution_names',
  'DELETE FROM resolution_erasures',
  'DELETE FROM operator_view_state',
  "DELETE FROM projection_checkpoints WHERE name = 'identity-graph'",
];

export class PersonalTaxCodesAsNationalIds1764400340000 extends DialectMigration {
  readonly name = 'PersonalTaxCodesAsNationalIds1764400340000';
  protected readonly sqlite = rebuild;
  protected readonly postgres = rebuild;
}
