import { h } from '../dom';
import { Operator, OperatorAnswer, OperatorShop, Person } from '../model';

export const personText = (person: Person | null | undefined) =>
  person ? `${person.name ?? 'Unnamed'}${person.nationalId ? ` · ID ${person.nationalId}` : ''}${person.taxCode ? ` · MST ${person.taxCode}` : ''}` : 'unknown';

const percent = (value: number) => `${Math.round(value * 1000) / 10}%`;

/** Who controls it, through what, how sure: from the API's summary when it gives one, else from the ranked controllers. */
export function summaryCard(answer: OperatorAnswer): HTMLElement {
  const { operator } = answer;
  const summary = operator.summary;
  const top = operator.controllers[0];
  const controller = summary?.controller ?? top?.person ?? null;
  const through = summary ? [summary.through ?? []].flat() : [...new Set(top?.why.map((e) => e.text) ?? [])];
  return h(
    'section',
    { class: 'card summary', id: 'summary' },
    h('h2', {}, 'Who runs it'),
    h('p', { class: 'controller', id: 'controller' }, controller ? personText(controller) : 'No controller identified: only declared owners are known'),
    summary && h('p', { id: 'summary-text' }, summary.text),
    through.length > 0 &&
      h(
        'div',
        {},
        h('h3', {}, 'Through'),
        h(
          'ul',
          {},
          through.map((t) => h('li', {}, t)),
        ),
      ),
    h(
      'p',
      { class: 'confidence' },
      'Confidence: ',
      h('strong', {}, summary ? `${summary.confidence.level} (${percent(summary.confidence.value)})` : percent(operator.confidence.value)),
      ` · ${operator.shops.length} shop(s) on ${new Set(operator.shops.map((s) => s.platformId)).size} platform(s) · as known at event position ${answer.asOf.position}${answer.asOf.recordedBy ? ` (asOf ${answer.asOf.recordedBy})` : ''}`,
    ),
    answer.truncated && h('p', { class: 'notice' }, 'The operator is larger than one answer holds: what is shown is truncated.'),
  );
}

/** The shops grouped by platform, each with its status, its declared owner and whether that owner looks like a nominee. */
export function shopsCard(operator: Operator, open: (shop: string) => void): HTMLElement {
  const byPlatform = new Map<string, OperatorShop[]>();
  for (const shop of operator.shops) byPlatform.set(shop.platformId, [...(byPlatform.get(shop.platformId) ?? []), shop]);
  return h(
    'section',
    { class: 'card', id: 'shops' },
    h('h2', {}, 'Shops by platform'),
    [...byPlatform].map(([platform, shops]) =>
      h(
        'div',
        { class: 'platform' },
        h('h3', {}, `${platform} (${shops.length})`),
        h(
          'ul',
          {},
          shops.map((shop) =>
            h(
              'li',
              { 'data-shop': shop.shop },
              h('a', { href: '#', onclick: (event: Event) => (event.preventDefault(), open(shop.shop)) }, shop.shop),
              h('span', { class: `badge status-${shop.status ?? 'unknown'}` }, shop.status ?? 'status unknown'),
              shop.nomineeSuspected && h('span', { class: 'badge nominee', title: shop.nomineeSuspected.reasons.join('\n') }, 'nominee suspected'),
              h('span', { class: 'muted' }, ` declared: ${shop.declaredOwners.map((o) => personText(o.person)).join('; ') || 'nobody'}`),
            ),
          ),
        ),
      ),
    ),
  );
}

export function controllersCard(operator: Operator): HTMLElement {
  return h(
    'section',
    { class: 'card', id: 'controllers' },
    h('h2', {}, 'Controllers, ranked'),
    operator.controllers.length === 0
      ? h('p', { class: 'muted' }, 'Nobody is shown to control the money or the goods.')
      : h(
          'ol',
          {},
          operator.controllers.map((c) =>
            h(
              'li',
              {},
              h('strong', {}, personText(c.person)),
              ` ${c.confidence.level} (${c.confidence.value}) through ${c.through.map((r) => `${r.kind} on ${r.shops} of ${r.ofShops} shops`).join(', ')}`,
              c.attested && h('span', { class: 'badge attested' }, 'attested'),
              h(
                'ul',
                { class: 'evidence' },
                c.why.map((e) => h('li', {}, e.text, h('span', { class: 'muted' }, ` (weight ${e.weight}, ${e.verification ?? 'unverified'})`))),
              ),
            ),
          ),
        ),
  );
}

/** Hubs, nominees and leads: shown with their sizes, never joined through. */
export function hubsAndLeadsCard(operator: Operator): HTMLElement {
  const count = (n: { shopCount: number; moreThan?: boolean }) => `${n.moreThan ? 'more than ' : ''}${n.shopCount} shops`;
  return h(
    'section',
    { class: 'card', id: 'hubs-leads' },
    h('h2', {}, 'Hubs, nominees and leads'),
    h('p', { class: 'muted' }, 'Shared too widely, or by fronts, to prove one operator: worth a look, never a join.'),
    h(
      'ul',
      {},
      operator.hubs.map((hub) => h('li', {}, h('span', { class: 'badge hub' }, 'hub'), ` ${hub.joinKey} — ${count(hub)}`)),
      operator.nominees.map((n) =>
        h('li', {}, h('span', { class: 'badge nominee' }, 'nominee'), ` ${n.joinKey} — fronts ${n.moneyGroups} unrelated money groups`),
      ),
      operator.leads.map((lead) =>
        h('li', {}, h('span', { class: 'badge lead' }, 'lead'), ` ${lead.identifier.kind} ${lead.identifier.value} — ${count(lead)}`),
      ),
    ),
    operator.hubs.length + operator.nominees.length + operator.leads.length === 0 && h('p', {}, 'None.'),
  );
}
