import { RegistryApi } from '../api';
import { fieldsOf, h, mount } from '../dom';
import { IdentifierSearchAnswer, PersonSearchAnswer } from '../model';
import { failure } from './failure';

const IDENTIFIER_KINDS: [string, string][] = [
  ['nationalId', 'National ID (CCCD / CMND)'],
  ['taxCode', 'Tax code (MST)'],
  ['phone', 'Phone'],
  ['bankAccount', 'Bank account (BANK:number)'],
  ['eWallet', 'E-wallet'],
  ['email', 'Email'],
  ['address', 'Address (a lead only)'],
  ['personName', 'Name (a lead only)'],
];

const shopLink = (shop: string) => {
  const at = shop.indexOf(':');
  return h('a', { href: `#/shop/${encodeURIComponent(shop.slice(0, at))}/${encodeURIComponent(shop.slice(at + 1))}` }, shop);
};

/** Search by shop (one, or several at once), by identifier, or by person. */
export function showSearch(target: Element, api: RegistryApi): void {
  const results = h('section', { id: 'results', 'aria-live': 'polite' });
  const run = (form: HTMLFormElement, search: (fields: Record<string, string>) => Promise<Node>) =>
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      mount(results, h('p', { class: 'muted' }, 'Searching…'));
      try {
        mount(results, await search(fieldsOf(form)));
      } catch (error) {
        mount(results, failure(error, form.dataset.read ?? 'This search'));
      }
    });

  const byShop = h(
    'form',
    { class: 'card', id: 'search-shop', 'data-read': 'Several shops at once' },
    h('h2', {}, 'Shop'),
    h('label', {}, 'Shops, one per line, as platform:shop id', h('textarea', { name: 'shops', rows: 3, required: true, placeholder: 'shopee:my-pham-an' })),
    h('button', { type: 'submit' }, 'Who runs it'),
  );
  run(byShop, async ({ shops }) => {
    const keys = shops.split(/\s+/).filter(Boolean);
    const malformed = keys.find((key) => !/^[A-Za-z0-9._-]+:[A-Za-z0-9._-]+$/.test(key));
    if (malformed) return h('p', { class: 'error', role: 'alert' }, `shops: "${malformed}" is not platform:shop id`);
    if (keys.length === 1) {
      location.hash = `#/shop/${keys[0].replace(':', '/')}`;
      return h('p', {}, 'Opening…');
    }
    const answer = await api.post<{
      results: { shop?: string; platformId?: string; shopId?: string; operator?: { operatorId: string; shops: unknown[] } | null }[];
    }>('/enforcement/operator-searches', {
      shops: keys.map((key) => ({ platformId: key.slice(0, key.indexOf(':')), shopId: key.slice(key.indexOf(':') + 1) })),
    });
    return h(
      'table',
      { id: 'batch-results' },
      h('thead', {}, h('tr', {}, h('th', {}, 'shop'), h('th', {}, 'operator'), h('th', {}, 'shops'))),
      h(
        'tbody',
        {},
        answer.results.map((result, n) => {
          const shop = result.shop ?? (result.platformId ? `${result.platformId}:${result.shopId}` : keys[n]);
          return h(
            'tr',
            {},
            h('td', {}, shopLink(shop)),
            h('td', {}, result.operator?.operatorId ?? 'not found'),
            h('td', {}, result.operator?.shops.length ?? 0),
          );
        }),
      ),
    );
  });

  const byIdentifier = h(
    'form',
    { class: 'card', id: 'search-identifier' },
    h('h2', {}, 'Identifier'),
    h(
      'label',
      {},
      'Kind',
      h(
        'select',
        { name: 'kind' },
        IDENTIFIER_KINDS.map(([kind, label]) => h('option', { value: kind }, label)),
      ),
    ),
    h('label', {}, 'Value', h('input', { name: 'value', required: true, autocomplete: 'off' })),
    h('button', { type: 'submit' }, 'Find shops'),
  );
  run(byIdentifier, async ({ kind, value }) => {
    const answer = await api.post<IdentifierSearchAnswer>('/enforcement/identifier-searches', { kind, value });
    return h(
      'div',
      {},
      h(
        'p',
        { class: 'muted' },
        `${answer.shops.length} shop(s) at event position ${answer.asOf.position}${answer.lead ? ' — a lead only: names and addresses never prove one operator' : ''}${answer.truncated ? ' (first 10,000)' : ''}`,
      ),
      h(
        'table',
        { id: 'identifier-results' },
        h('thead', {}, h('tr', {}, h('th', {}, 'shop'), h('th', {}, 'platform'), h('th', {}, 'status'), h('th', {}, 'stated as'))),
        h(
          'tbody',
          {},
          answer.shops.map((s) =>
            h('tr', {}, h('td', {}, shopLink(s.shop)), h('td', {}, s.platformId), h('td', {}, s.status ?? '—'), h('td', {}, s.roles.join(', '))),
          ),
        ),
      ),
    );
  });

  const byPerson = h(
    'form',
    { class: 'card', id: 'search-person', 'data-read': 'Person search' },
    h('h2', {}, 'Person'),
    h('label', {}, 'Kind', h('select', { name: 'kind' }, h('option', { value: 'nationalId' }, 'National ID'), h('option', { value: 'taxCode' }, 'Tax code'))),
    h('label', {}, 'Value', h('input', { name: 'value', required: true, autocomplete: 'off' })),
    h('button', { type: 'submit' }, 'What they run'),
  );
  run(byPerson, async ({ kind, value }) => {
    const answer = await api.post<PersonSearchAnswer>('/enforcement/person-searches', { kind, value });
    const shopOf = (shop: string | { shop: string }) => (typeof shop === 'string' ? shop : shop.shop);
    return h(
      'div',
      {},
      h(
        'p',
        {},
        answer.person
          ? `${answer.person.name ?? 'Unnamed'} (${answer.person.nationalId ?? answer.person.taxCode ?? answer.person.key})`
          : 'No such person in the registry',
      ),
      h(
        'table',
        { id: 'person-results' },
        h('thead', {}, h('tr', {}, h('th', {}, 'operator'), h('th', {}, 'role'), h('th', {}, 'shops'), h('th', {}, 'summary'))),
        h(
          'tbody',
          {},
          answer.operators.map((operator) =>
            h(
              'tr',
              {},
              h('td', {}, operator.operatorId),
              h('td', {}, h('span', { class: `badge ${operator.role}` }, operator.role)),
              h(
                'td',
                {},
                operator.shops.map((shop) => h('div', {}, shopLink(shopOf(shop)))),
              ),
              h('td', {}, operator.summary?.text ?? ''),
            ),
          ),
        ),
      ),
    );
  });

  mount(target, h('div', { class: 'search-grid' }, byShop, byIdentifier, byPerson), results);
}
