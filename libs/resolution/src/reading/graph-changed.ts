import { EventStore, Sql } from '@registry/event-store';

/**
 * Whether the identity graph changed after one position and up to another: a fact added or removed
 * then, or personal data erased (an erasure deletes facts, which leaves no position behind). Index
 * lookups on the facts' positions, then the event store asked for an erasure in between: cheap when
 * the two are near. What the graph answers at the first position it answers at the second too when
 * nothing changed.
 */
export async function graphChanged(sql: Sql, store: EventStore, after: number, upTo: number): Promise<boolean> {
  if (upTo <= after) return false;
  const [facts] = await sql.rows<{ changed: number | string }>(
    `SELECT CASE WHEN EXISTS (SELECT 1 FROM resolution_facts WHERE added_at > $1 AND added_at <= $2)
                   OR EXISTS (SELECT 1 FROM resolution_facts WHERE removed_at > $1 AND removed_at <= $2) THEN 1 ELSE 0 END AS changed`,
    [after, upTo],
  );
  if (Number(facts.changed) === 1) return true;
  const erasures = await store.readTypesAfter(['PersonalDataErased'], after, upTo, 1);
  return erasures.events.length > 0;
}
