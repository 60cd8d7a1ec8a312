import { RegistryApi, shopPath } from '../api';
import { h, mount } from '../dom';
import { NetworkAnswer, NetworkEdge, NetworkNode, OperatorAnswer, Person, WhyAnswer } from '../model';
import { exportsCard } from './exports';
import { failure } from './failure';
import { DrawnNetwork, drawNetwork, edgeLabel, kindOf } from './network-view';
import { controllersCard, hubsAndLeadsCard, shopsCard, summaryCard } from './operator-summary';
import { taxCard } from './tax-card';
import { TimelineEntry, readTimeline, timelineCard } from './timeline';

/**
 * The operator of a shop: the summary first, then the network with the evidence of what is
 * clicked, the timeline whose `asOf` redraws everything as the registry knew it then, the shops,
 * controllers, hubs and leads, and the exports.
 */
export function showOperator(target: Element, api: RegistryApi, shop: string): void {
  const summary = h('div', { id: 'summary-slot' });
  const exportsSlot = h('div');
  const canvas = h('div', { id: 'network', class: 'network' });
  const evidence = h('aside', { id: 'evidence', class: 'card' });
  const noEvidence = () => mount(evidence, h('p', { class: 'muted' }, 'Click a node, or pick one from the list below, for its evidence.'));
  const list = h('details', { id: 'network-list', class: 'card' });
  const timeline = h('section', { id: 'timeline', class: 'card' }, h('p', { class: 'muted' }, 'Reading the timeline…'));
  const details = h('div', { class: 'columns' });
  const status = h('div', { id: 'page-status' });
  mount(
    target,
    h('h1', {}, 'Operator of ', h('code', {}, shop)),
    status,
    summary,
    exportsSlot,
    h('div', { class: 'network-row' }, canvas, evidence),
    list,
    timeline,
    details,
  );

  let entries: TimelineEntry[] = [];
  let drawn: DrawnNetwork | null = null;
  let persons = new Map<string, Person>();
  // The tax read knows no asOf: read once, kept as the page moves through time.
  const tax = taxCard(api, shop);

  const load = async (asOf: string | undefined) => {
    mount(status, h('p', { class: 'muted' }, 'Reading…'));
    const query = asOf ? `?asOf=${encodeURIComponent(asOf)}` : '';
    let operator: OperatorAnswer;
    let network: NetworkAnswer;
    try {
      [operator, network] = await Promise.all([
        api.get<OperatorAnswer>(`${shopPath(shop)}/operator${query}`),
        api.get<NetworkAnswer>(`${shopPath(shop)}/operator/network${query}`),
      ]);
    } catch (error) {
      mount(status, failure(error));
      return;
    }
    persons = personsOf(operator);
    mount(summary, summaryCard(operator));
    mount(exportsSlot, exportsCard(api, shop, asOf));
    mount(
      details,
      shopsCard(operator.operator, (other) => showWhy(other, asOf)),
      controllersCard(operator.operator),
      hubsAndLeadsCard(operator.operator),
      tax,
    );
    drawn?.cy.destroy();
    noEvidence();
    drawn = drawNetwork(canvas, list, network, persons, (node, edges) => showEvidence(node, edges, asOf));
    mount(status);
    // Read once, as known now: the timeline is what lets the officer go back, so it always reaches the present.
    if (entries.length === 0) {
      try {
        entries = await readTimeline(
          api,
          operator.operator.shops.map((s) => s.shop),
          shop,
        );
      } catch (error) {
        mount(timeline, failure(error));
        return;
      }
    }
    timelineCard(timeline, entries, asOf, load);
  };

  const showEvidence = (node: NetworkNode, edges: NetworkEdge[], asOf: string | undefined) => {
    const kind = kindOf(node);
    mount(
      evidence,
      h('h2', {}, node.label),
      h(
        'p',
        {},
        h('span', { class: `badge ${kind}` }, kind),
        node.nominee && h('span', { class: 'badge nominee' }, 'nominee'),
        node.hub && ' shared too widely to join anything',
      ),
      persons.get(node.id)?.name && h('p', {}, persons.get(node.id)!.name),
      h('h3', {}, 'Claims and attestations'),
      h(
        'ul',
        { class: 'evidence' },
        edges.map((edge) =>
          h(
            'li',
            {},
            `${edge.source === node.id ? edge.target : edge.source} — ${edgeLabel(edge)}${edge.joins ? ' (joins)' : ' (does not join)'}`,
            h(
              'ul',
              {},
              edge.facts.map((fact) => h('li', { class: 'muted' }, fact)),
            ),
          ),
        ),
      ),
      kind === 'shop' && h('button', { type: 'button', onclick: () => showHistory(node.id) }, 'History'),
      kind === 'shop' && node.id !== shop && h('button', { type: 'button', onclick: () => showWhy(node.id, asOf) }, `Why with ${shop}`),
      h('div', { id: 'evidence-more' }),
    );
  };

  const showHistory = async (other: string) => {
    const more = document.getElementById('evidence-more')!;
    try {
      const history = await api.get<{ events: { position: number; type: string; recordedAt: string; provenance: { principal: string } }[] }>(
        `${shopPath(other)}/history`,
      );
      mount(
        more,
        h(
          'ol',
          {},
          history.events.map((e) => h('li', {}, `#${e.position} ${e.recordedAt.slice(0, 19)} ${e.type} by ${e.provenance.principal}`)),
        ),
      );
    } catch (error) {
      mount(more, failure(error));
    }
  };

  /** Why this shop and another have one operator: the chain of shared identifiers, drawn in the network. */
  const showWhy = async (other: string, asOf?: string) => {
    const at = other.indexOf(':');
    try {
      const { answer } = await api.get<{ answer: WhyAnswer }>(
        `${shopPath(shop)}/why/${encodeURIComponent(other.slice(0, at))}/${encodeURIComponent(other.slice(at + 1))}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`,
      );
      const text = answer.joined
        ? answer.chain.map((step) => `${step.from} and ${step.to} share ${step.joinKey} (${step.basis})`)
        : answer.reasons.map(
            (reason) => `apart: ${reason.kind}${reason.joinKey ? ` ${reason.joinKey}` : ''}${reason.shopCount ? ` (${reason.shopCount} shops)` : ''}`,
          );
      if (answer.joined) {
        drawn?.highlight(
          answer.chain.flatMap((step) => [step.from, step.joinKey, step.to]),
          answer.chain.flatMap((step): [string, string][] => [
            [step.from, step.joinKey],
            [step.to, step.joinKey],
          ]),
        );
      }
      mount(
        evidence,
        h('h2', {}, `Why ${shop} and ${other}`),
        h(
          'ol',
          { id: 'why-chain' },
          text.map((t) => h('li', {}, t)),
        ),
      );
    } catch (error) {
      mount(evidence, failure(error));
    }
  };

  void load(undefined);
}

/** Names for the persons the network shows by national ID or tax code. */
function personsOf(answer: OperatorAnswer): Map<string, Person> {
  const persons = new Map<string, Person>();
  const add = (person: Person | null | undefined) => {
    if (!person) return;
    if (person.nationalId) persons.set(`nationalId:${person.nationalId}`, person);
    if (person.taxCode) persons.set(`taxCode:${person.taxCode}`, person);
  };
  for (const shop of answer.operator.shops) for (const owner of shop.declaredOwners) add(owner.person);
  for (const controller of answer.operator.controllers) add(controller.person);
  return persons;
}
