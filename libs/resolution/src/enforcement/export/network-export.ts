import { xmlText } from './xml-text';

/** The operator network as the enforcement API answers it, and what an export needs of it. */
export interface NetworkToExport {
  readonly operatorId: string | null;
  readonly asOf: { readonly position: number; readonly date: string; readonly recordedBy: string | null };
  readonly nodes: readonly { readonly id: string; readonly type: string; readonly label: string; readonly hub?: boolean; readonly nominee?: boolean }[];
  readonly edges: readonly {
    readonly source: string;
    readonly target: string;
    readonly basis: string | null;
    readonly role: string;
    readonly joins: boolean;
    readonly facts: readonly string[];
  }[];
}

export type NetworkFormat = 'graphml' | 'gexf';

export const NETWORK_EXPORTS: Record<
  NetworkFormat,
  { readonly contentType: string; readonly extension: string; readonly write: (network: NetworkToExport) => string }
> = {
  graphml: { contentType: 'application/graphml+xml; charset=utf-8', extension: 'graphml', write: toGraphMl },
  gexf: { contentType: 'application/gexf+xml; charset=utf-8', extension: 'gexf', write: toGexf },
};

const NODE_ATTRIBUTES = [
  ['type', 'string'],
  ['label', 'string'],
  ['hub', 'boolean'],
  ['nominee', 'boolean'],
] as const;
const EDGE_ATTRIBUTES = [
  ['role', 'string'],
  ['basis', 'string'],
  ['joins', 'boolean'],
  ['facts', 'string'],
] as const;

const nodeValues = (node: NetworkToExport['nodes'][number]) => ({
  type: node.type,
  label: node.label,
  hub: String(node.hub ?? false),
  nominee: String(node.nominee ?? false),
});
const edgeValues = (edge: NetworkToExport['edges'][number]) => ({
  role: edge.role,
  basis: edge.basis ?? '',
  joins: String(edge.joins),
  facts: edge.facts.join(' '),
});

/** GraphML (Gephi, yEd, NetworkX): one directed graph, each node and edge with its attributes as data keys. */
export function toGraphMl(network: NetworkToExport): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...NODE_ATTRIBUTES.map(([name, type]) => `  <key id="n_${name}" for="node" attr.name="${name}" attr.type="${type}"/>`),
    ...EDGE_ATTRIBUTES.map(([name, type]) => `  <key id="e_${name}" for="edge" attr.name="${name}" attr.type="${type}"/>`),
    `  <graph id="${xmlText(network.operatorId ?? 'none')}" edgedefault="directed">`,
    `    <desc>${xmlText(description(network))}</desc>`,
  ];
  for (const node of network.nodes) {
    const values = nodeValues(node);
    lines.push(
      `    <node id="${xmlText(node.id)}">`,
      ...NODE_ATTRIBUTES.map(([name]) => `      <data key="n_${name}">${xmlText(values[name])}</data>`),
      '    </node>',
    );
  }
  network.edges.forEach((edge, n) => {
    const values = edgeValues(edge);
    lines.push(
      `    <edge id="e${n}" source="${xmlText(edge.source)}" target="${xmlText(edge.target)}">`,
      ...EDGE_ATTRIBUTES.map(([name]) => `      <data key="e_${name}">${xmlText(values[name])}</data>`),
      '    </edge>',
    );
  });
  lines.push('  </graph>', '</graphml>', '');
  return lines.join('\n');
}

/** GEXF 1.3 (Gephi's own format): a static directed graph with node and edge attributes. */
export function toGexf(network: NetworkToExport): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    `  <meta><creator>Seller Identity Registry</creator><description>${xmlText(description(network))}</description></meta>`,
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node">',
    ...NODE_ATTRIBUTES.map(([name, type], n) => `      <attribute id="${n}" title="${name}" type="${type}"/>`),
    '    </attributes>',
    '    <attributes class="edge">',
    ...EDGE_ATTRIBUTES.map(([name, type], n) => `      <attribute id="${n}" title="${name}" type="${type}"/>`),
    '    </attributes>',
    '    <nodes>',
  ];
  for (const node of network.nodes) {
    const values = nodeValues(node);
    lines.push(
      `      <node id="${xmlText(node.id)}" label="${xmlText(node.label)}"><attvalues>${NODE_ATTRIBUTES.map(([name], n) => `<attvalue for="${n}" value="${xmlText(values[name])}"/>`).join('')}</attvalues></node>`,
    );
  }
  lines.push('    </nodes>', '    <edges>');
  network.edges.forEach((edge, n) => {
    const values = edgeValues(edge);
    lines.push(
      `      <edge id="e${n}" source="${xmlText(edge.source)}" target="${xmlText(edge.target)}" label="${xmlText(edge.role)}"><attvalues>${EDGE_ATTRIBUTES.map(([name], i) => `<attvalue for="${i}" value="${xmlText(values[name])}"/>`).join('')}</attvalues></edge>`,
    );
  });
  lines.push('    </edges>', '  </graph>', '</gexf>', '');
  return lines.join('\n');
}

const description = (network: NetworkToExport) =>
  `Operator ${network.operatorId ?? 'none'} as the registry knew it at event position ${network.asOf.position}${network.asOf.recordedBy ? ` (asOf ${network.asOf.recordedBy})` : ''}`;
