import cytoscape, { Core, ElementDefinition } from 'cytoscape';
import { h, mount } from '../dom';
import { NetworkAnswer, NetworkEdge, NetworkNode, Person } from '../model';

export type NodeKind = 'shop' | 'person' | 'identifier' | 'hub';

/** Persons are identifiers that name someone (national ID, tax code): drawn as persons, labelled with the name the registry holds. */
export function kindOf(node: NetworkNode): NodeKind {
  if (node.type === 'shop') return 'shop';
  if (node.hub) return 'hub';
  return /^(nationalId|taxCode):/.test(node.id) ? 'person' : 'identifier';
}

export function labelOf(node: NetworkNode, persons: ReadonlyMap<string, Person>): string {
  const person = persons.get(node.id);
  if (person?.name) return `${person.name}\n${node.label}`;
  return node.label;
}

/** What an edge is: a claim a platform made (by its role), or a partner's attestation of who holds an account. */
export function edgeLabel(edge: NetworkEdge): string {
  if (edge.basis === 'accountHolder') return 'attested holder';
  if (edge.basis === 'phoneSubscriber') return 'attested subscriber';
  return edge.role.replace(/_/g, ' ');
}

export interface DrawnNetwork {
  readonly cy: Core;
  highlight(nodes: readonly string[], edges: readonly [string, string][]): void;
}

/**
 * Draws the network: shops, persons and identifiers as nodes, claims and attestations as labelled
 * edges, solid where they join shops, dashed where they do not; hubs in a column of their own, so
 * they never look like the join they are not.
 */
export function drawNetwork(
  container: HTMLElement,
  list: HTMLElement,
  network: NetworkAnswer,
  persons: ReadonlyMap<string, Person>,
  select: (node: NetworkNode, edges: NetworkEdge[]) => void,
): DrawnNetwork {
  const elements: ElementDefinition[] = [
    ...network.nodes.map((node) => ({
      data: { id: node.id, label: labelOf(node, persons) },
      classes: [kindOf(node), node.nominee ? 'nominee' : ''].join(' ').trim(),
    })),
    ...network.edges.map((edge, n) => ({
      data: { id: `e${n}`, source: edge.source, target: edge.target, label: edgeLabel(edge) },
      classes: edge.joins ? 'joins' : 'apart',
    })),
  ];
  const cy = cytoscape({
    container,
    elements,
    wheelSensitivity: 0.3,
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)',
          'font-size': 10,
          'text-wrap': 'wrap',
          'text-valign': 'bottom',
          'text-margin-y': 4,
          width: 22,
          height: 22,
          'background-color': '#8a94a6',
        },
      },
      { selector: 'node.shop', style: { shape: 'round-rectangle', 'background-color': '#2563eb', width: 30, height: 22 } },
      { selector: 'node.person', style: { shape: 'ellipse', 'background-color': '#d97706', width: 28, height: 28 } },
      { selector: 'node.hub', style: { shape: 'diamond', 'background-color': '#fff', 'border-width': 2, 'border-style': 'dashed', 'border-color': '#dc2626' } },
      { selector: 'node.nominee', style: { 'border-width': 3, 'border-color': '#7c3aed' } },
      {
        selector: 'edge',
        style: {
          label: 'data(label)',
          'font-size': 8,
          'curve-style': 'bezier',
          width: 1.5,
          'line-color': '#94a3b8',
          'text-rotation': 'autorotate',
          'text-background-color': '#fff',
          'text-background-opacity': 0.8,
        },
      },
      { selector: 'edge.joins', style: { width: 2.5, 'line-color': '#1e293b' } },
      { selector: 'edge.apart', style: { 'line-style': 'dashed' } },
      { selector: '.why', style: { 'line-color': '#16a34a', 'background-color': '#16a34a', width: 5, 'z-index': 10 } },
      { selector: 'node:selected', style: { 'overlay-color': '#2563eb', 'overlay-opacity': 0.2 } },
    ],
  });
  cy.elements()
    .not('.hub')
    .layout({ name: 'cose', animate: false, randomize: true, nodeRepulsion: () => 40000, idealEdgeLength: () => 90, nodeOverlap: 20, componentSpacing: 120 })
    .run();
  placeHubsApart(cy);
  cy.fit(undefined, 30);

  const byId = new Map(network.nodes.map((node) => [node.id, node]));
  const open = (node: NetworkNode) =>
    select(
      node,
      network.edges.filter((edge) => edge.source === node.id || edge.target === node.id),
    );
  cy.on('tap', 'node', (event) => {
    const node = byId.get(event.target.id());
    if (node) open(node);
  });
  listNetwork(list, network, persons, (node) => {
    cy.elements().unselect();
    cy.getElementById(node.id).select();
    open(node);
  });
  return {
    cy,
    highlight(nodes, edges) {
      cy.elements().removeClass('why');
      for (const id of nodes) cy.getElementById(id).addClass('why');
      for (const [a, b] of edges)
        cy.edges()
          .filter((e) => (e.source().id() === a && e.target().id() === b) || (e.source().id() === b && e.target().id() === a))
          .addClass('why');
    },
  };
}

/** Hubs stand in a column right of the operator, away from the shops they would falsely seem to join. */
function placeHubsApart(cy: Core): void {
  const hubs = cy.nodes('.hub');
  if (hubs.length === 0) return;
  const box = cy.elements().not('.hub').boundingBox({});
  hubs.forEach((hub, n) => {
    hub.position({ x: box.x2 + 160, y: box.y1 + (n + 0.5) * ((box.h || 100) / hubs.length) });
  });
}

/** The same network as text: for screen readers and keyboards (a node is opened from here as by a click), and to read the nodes and edges off exactly. */
function listNetwork(list: HTMLElement, network: NetworkAnswer, persons: ReadonlyMap<string, Person>, open: (node: NetworkNode) => void): void {
  mount(
    list,
    h('summary', {}, `The network as a list: ${network.nodes.length} nodes, ${network.edges.length} edges`),
    h('h3', {}, 'Nodes'),
    h(
      'ul',
      { id: 'network-nodes' },
      network.nodes.map((node) =>
        h(
          'li',
          { 'data-node': node.id, 'data-kind': kindOf(node) },
          `${kindOf(node)}: `,
          h('button', { type: 'button', class: 'link', onclick: () => open(node) }, labelOf(node, persons).replace('\n', ' · ')),
          node.nominee ? ' (nominee)' : '',
        ),
      ),
    ),
    h('h3', {}, 'Edges'),
    h(
      'ul',
      { id: 'network-edges' },
      network.edges.map((edge) =>
        h(
          'li',
          { 'data-source': edge.source, 'data-target': edge.target, 'data-joins': String(edge.joins) },
          `${edge.source} — ${edgeLabel(edge)} → ${edge.target}${edge.joins ? ' (joins)' : ''}`,
        ),
      ),
    ),
  );
}
