import { ApiError, RegistryApi, shopPath } from '../api';
import { h, mount } from '../dom';
import { TaxAnswer, TaxTotals, TaxYear } from '../model';
import { failure } from './failure';

/** Whole đồng, grouped by thousands. */
const dong = (amount: string) => `${amount.replace(/\B(?=(\d{3})+(?!\d))/g, '.')} ₫`;

const totals = (name: string, t: TaxTotals) => `${name} due ${dong(t.due)}, withheld ${dong(t.withheld)}, shortfall ${dong(t.shortfall)}`;

/**
 * The operator's tax picture as the registry knows it now (the read takes no `asOf`: the figures are
 * the ones last sent to the tax office): per year, net revenue across every platform, per shop, and
 * what was due, withheld and short under the rule table.
 */
export function taxCard(api: RegistryApi, shop: string): HTMLElement {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Reading the tax picture…'));
  const card = h('section', { class: 'card', id: 'tax' }, h('h2', {}, 'Tax'), body);
  void (async () => {
    try {
      const answer = await api.get<TaxAnswer>(`${shopPath(shop)}/operator/tax`);
      mount(
        body,
        answer.years.length === 0 ? h('p', { class: 'muted' }, 'No sales reported for the shops of this operator.') : null,
        ...answer.years.map(yearView),
        h('p', { class: 'muted' }, `As known now (position ${answer.asOf.position}); audit ${answer.auditId}.`),
      );
    } catch (error) {
      if (error instanceof ApiError && error.status === 404 && !error.routeMissing) {
        mount(body, h('p', { class: 'notice', role: 'status' }, `No tax record for this shop: ${error.message}`));
      } else {
        mount(body, failure(error, 'The tax read'));
      }
    }
  })();
  return card;
}

function yearView(year: TaxYear): HTMLElement {
  const short = BigInt(year.obligations.vat.shortfall) + BigInt(year.obligations.pit.shortfall);
  return h(
    'div',
    { class: 'tax-year' },
    h('h3', {}, `${year.year}: ${dong(year.revenue)} across ${year.platforms} platform${year.platforms === 1 ? '' : 's'}`),
    h('p', {}, totals('VAT', year.obligations.vat)),
    h('p', {}, totals('PIT', year.obligations.pit)),
    short > 0n ? h('p', { class: 'error' }, `Shortfall: ${dong(short.toString())} withheld too little`) : h('p', { class: 'muted' }, 'No shortfall.'),
    h(
      'ul',
      {},
      year.shops.map((s) =>
        h(
          'li',
          {},
          `${s.platformId}:${s.shopId} — ${dong(s.revenue)} in ${s.shopMonths} month${s.shopMonths === 1 ? '' : 's'}; VAT short ${dong(s.vat.shortfall)}, PIT short ${dong(s.pit.shortfall)}`,
        ),
      ),
    ),
    h(
      'p',
      { class: 'muted' },
      year.sentToTaxOffice
        ? `Sent to the tax office: ${dong(year.sentToTaxOffice.revenue)} (${year.sentToTaxOffice.recordedAt.slice(0, 10)})`
        : 'Not sent to the tax office yet.',
    ),
  );
}
