import { Inject, Injectable } from '@nestjs/common';
import { Projection, Sql, StoredEvent, checkpoints } from '@registry/event-store';
import { REGISTRY_CONFIG, RegistryConfig } from '@registry/platform';
import { vietnamDateOf } from '@registry/shared-kernel';
import { ResolutionPolicy } from '../domain';
import { IDENTITY_GRAPH_PROJECTION } from '../identity-graph/identity-graph.projection';
import { resolutionPolicyOf } from '../reading/resolution-policy.config';
import { HubsAt, OperatorViewBuilder } from './operator-view.builder';
import { operatorViewTables } from './operator-view.store';

export const OPERATOR_VIEW_PROJECTION = 'operator-view';

/**
 * The operator view (see OperatorViewBuilder), moved after each batch to where the identity graph
 * stands, which it follows in the same transaction (it runs after it), and to today's date. It reads
 * the graph, not the events: an event only tells it that the graph moved. An erasure deletes facts
 * instead of ending them; the graph records what it took out, and the view resolves again from there.
 */
@Injectable()
export class OperatorViewProjection implements Projection {
  readonly name = OPERATOR_VIEW_PROJECTION;

  private readonly policy: ResolutionPolicy;
  /**
   * The hubs the last refresh in this process found at the point it moved the view to: the next
   * refresh, from there, need not judge them there again. Forgotten while a refresh runs, so that
   * one that fails leaves nothing behind; one that ran in a transaction that did not commit leaves
   * the view at another point, and is not used.
   */
  private hubs: HubsAt | null = null;

  constructor(@Inject(REGISTRY_CONFIG) config: RegistryConfig) {
    this.policy = resolutionPolicyOf(config);
  }

  async apply(_events: readonly StoredEvent[], tx: Sql): Promise<void> {
    await this.refresh(tx);
  }

  /** Moves the view to the graph's position and today's date: after a batch, and when the date changes with no event. */
  async refresh(tx: Sql, date = vietnamDateOf(new Date())) {
    const position = await checkpoints.read(tx, IDENTITY_GRAPH_PROJECTION);
    const known = this.hubs;
    this.hubs = null;
    const done = await new OperatorViewBuilder(tx, this.policy, known).refresh({ position, date });
    this.hubs = done.hubs;
    return done;
  }

  async reset(tx: Sql): Promise<void> {
    this.hubs = null;
    await operatorViewTables.clear(tx);
  }
}
