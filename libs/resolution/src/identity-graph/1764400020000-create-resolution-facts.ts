import { DialectMigration } from '@registry/event-store';

/**
 * The identity graph as facts: each row one fact (a shop, an identifier a shop states, a holder
 * attestation, a pickup point, a link) with the positions it was added and removed at, so a read
 * at any earlier position sees the graph as it stood. Identifier values are blind indexes only.
 */
const tables = (position: string) => [
  `CREATE TABLE resolution_facts (
     fact_id TEXT PRIMARY KEY,
     kind TEXT NOT NULL,
     source TEXT NOT NULL,
     shop TEXT,
     shop_b TEXT,
     key1 TEXT,
     key2 TEXT,
     data_key_id TEXT,
     source_position ${position} NOT NULL,
     added_at ${position} NOT NULL,
     removed_at ${position},
     valid_from TEXT,
     valid_to TEXT,
     body TEXT NOT NULL)`,
  'CREATE INDEX resolution_facts_source ON resolution_facts (source)',
  'CREATE INDEX resolution_facts_shop ON resolution_facts (shop)',
  'CREATE INDEX resolution_facts_shop_b ON resolution_facts (shop_b) WHERE shop_b IS NOT NULL',
  'CREATE INDEX resolution_facts_key1 ON resolution_facts (key1, shop) WHERE key1 IS NOT NULL',
  'CREATE INDEX resolution_facts_key2 ON resolution_facts (key2, shop) WHERE key2 IS NOT NULL',
  'CREATE INDEX resolution_facts_data_key ON resolution_facts (data_key_id) WHERE data_key_id IS NOT NULL',
];

export class CreateResolutionFacts1764400020000 extends DialectMigration {
  readonly name = 'CreateResolutionFacts1764400020000';
  protected readonly sqlite = tables('INTEGER');
  protected readonly postgres = tables('BIGINT');
}
