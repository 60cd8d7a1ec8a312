import { DialectMigration } from '@registry/event-store';

/** What changed in the graph between two positions (the tax office's operator figures follow it): facts added or removed there. */
const statements = [
  'CREATE INDEX resolution_facts_added ON resolution_facts (added_at)',
  'CREATE INDEX resolution_facts_removed ON resolution_facts (removed_at) WHERE removed_at IS NOT NULL',
];

export class IndexResolutionFactsByPosition1764400022000 extends DialectMigration {
  readonly name = 'IndexResolutionFactsByPosition1764400022000';
  protected readonly sqlite = statements;
  protected readonly postgres = statements;
}
