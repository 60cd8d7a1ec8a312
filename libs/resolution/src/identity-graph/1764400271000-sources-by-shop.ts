import { DialectMigration } from '@registry/event-store';
import { IDENTITY_GRAPH_PROJECTION } from './identity-graph.projection';

/**
 * A source in the stream of its fact's shop (`shop-shopee:s0#claim:payout`) is stored as what
 * follows that stream (`#claim:payout`), a name every shop's claims of that kind share: sources were
 * half the names of the identity graph, one a claim (issue 12; see fact-table.ts). A data key keeps
 * the shop of such a source beside it, for an erasure to find the source's facts, and a row for
 * each source it sealed: since 1764400280000 a key may seal several claims of one shop (one role,
 * one person).
 *
 * Stored sources change meaning, so the graph is emptied and its checkpoint set back to 0: the
 * running registry rebuilds it from the events, as after 1764400060000. The operator view is
 * emptied with it, as `rebuild identity-graph` leaves it (its counts are by the names' numbers,
 * which the rebuild hands out anew): it is built again once the graph is back at its position,
 * and reads walk the graph until then.
 */
const statements = (withoutRowid: string) => [
  'DELETE FROM resolution_facts',
  'DROP TABLE resolution_data_keys',
  `CREATE TABLE resolution_data_keys (
     data_key TEXT NOT NULL,
     source INTEGER NOT NULL,
     shop TEXT,
     PRIMARY KEY (data_key, source))${withoutRowid}`,
  'DELETE FROM resolution_names',
  'DELETE FROM resolution_erasures',
  'DELETE FROM operator_view_shops',
  'DELETE FROM operator_view_operators',
  'DELETE FROM operator_view_key_shops',
  'DELETE FROM operator_view_state',
  `UPDATE projection_checkpoints SET position = 0 WHERE name = '${IDENTITY_GRAPH_PROJECTION}'`,
];

export class SourcesByShop1764400271000 extends DialectMigration {
  readonly name = 'SourcesByShop1764400271000';
  protected readonly sqlite = statements(' WITHOUT ROWID');
  protected readonly postgres = statements('');
}
