import { RegistryApi, shopPath } from '../api';
import { h, mount } from '../dom';
import { failure } from './failure';

const EXPORTS = [
  { label: 'Network as GraphML', path: '/operator/network', format: 'graphml', type: 'application/graphml+xml' },
  { label: 'Network as GEXF', path: '/operator/network', format: 'gexf', type: 'application/gexf+xml' },
  { label: 'Operator as CSV', path: '/operator', format: 'csv', type: 'text/csv' },
] as const;

/** The server writes each file and records the export in the audit trail; the page only saves it. */
export function exportsCard(api: RegistryApi, shop: string, asOf: string | undefined): HTMLElement {
  const status = h('p', { class: 'muted', id: 'export-status', 'aria-live': 'polite' });
  const save = async (item: (typeof EXPORTS)[number]) => {
    try {
      const file = await api.file(`${shopPath(shop)}${item.path}?format=${item.format}${asOf ? `&asOf=${encodeURIComponent(asOf)}` : ''}`);
      const url = URL.createObjectURL(new Blob([file.text], { type: item.type }));
      const link = h('a', { href: url, download: file.fileName });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      mount(status, `${file.fileName} saved; the export is recorded in the audit trail as ${file.auditId}.`);
    } catch (error) {
      mount(status, failure(error));
    }
  };
  return h(
    'section',
    { class: 'card', id: 'exports' },
    h('h2', {}, 'Export'),
    EXPORTS.map((item) => h('button', { type: 'button', 'data-format': item.format, onclick: () => save(item) }, item.label)),
    status,
  );
}
