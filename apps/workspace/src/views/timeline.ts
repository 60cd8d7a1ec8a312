import { RegistryApi, shopPath } from '../api';
import { h, mount } from '../dom';
import { FormationAnswer, HistoryAnswer } from '../model';

export interface TimelineEntry {
  readonly at: string;
  readonly position: number;
  readonly kind: string;
  readonly text: string;
}

/** A shop history's reads are one audited read per shop: the timeline reads the first shops only. */
const SHOPS_READ = 25;

/** What the registry learned about the operator, in order: the shops' events (claims, links, flags, status) and the attestations that joined them. */
export async function readTimeline(api: RegistryApi, shops: readonly string[], formationOf: string): Promise<TimelineEntry[]> {
  const [histories, formation] = await Promise.all([
    Promise.all(shops.slice(0, SHOPS_READ).map((shop) => api.get<HistoryAnswer>(`${shopPath(shop)}/history`))),
    api.get<FormationAnswer>(`${shopPath(formationOf)}/operator/formation`),
  ]);
  const entries = new Map<string, TimelineEntry>();
  for (const history of histories) {
    for (const event of history.events) {
      entries.set(`event@${event.position}`, {
        at: event.recordedAt,
        position: event.position,
        kind: kindOfEvent(event.type),
        text: `${history.shop}: ${describeEvent(event.type, event.data)} (by ${event.provenance.principal})`,
      });
    }
  }
  for (const merge of formation.merges ?? []) {
    for (const attestation of merge.edge.attribution?.attestations ?? []) {
      entries.set(`event@${attestation.addedAt}`, {
        at: attestation.provenance.recordedAt,
        position: attestation.addedAt,
        kind: 'attestation',
        text: `${attestation.provenance.assertedBy} attested the holder of ${merge.joinKey} (${attestation.provenance.verification ?? 'unverified'})`,
      });
    }
  }
  return [...entries.values()].sort((a, b) => a.position - b.position);
}

function kindOfEvent(type: string): string {
  if (/Claim/.test(type)) return 'claim';
  if (/Link/.test(type)) return 'link';
  if (/Flag/.test(type)) return 'flag';
  if (/Attestation/.test(type)) return 'attestation';
  return 'shop';
}

function describeEvent(type: string, data: Record<string, unknown>): string {
  const detail = [data.role, data.claimId && `claim ${data.claimId}`, data.category, data.status].filter((part) => typeof part === 'string' && part.length > 0);
  return `${type}${detail.length ? ` (${detail.join(', ')})` : ''}`;
}

/**
 * The timeline with its `asOf` control: a slider over what was learned (its last step is now) and
 * an exact timestamp; both redraw the page as the registry knew it then.
 */
export function timelineCard(
  target: HTMLElement,
  entries: readonly TimelineEntry[],
  asOf: string | undefined,
  change: (asOf: string | undefined) => void,
): void {
  const selected =
    asOf === undefined
      ? entries.length
      : Math.max(
          0,
          entries.findLastIndex((entry) => entry.at <= asOf),
        );
  const slider = h('input', { type: 'range', id: 'asof-slider', min: 0, max: entries.length, step: 1, value: selected, 'aria-label': 'As of' });
  slider.addEventListener('change', () => {
    const n = Number(slider.value);
    change(n >= entries.length ? undefined : entries[n].at);
  });
  const exact = h('input', { id: 'asof-input', value: asOf ?? '', placeholder: 'now, or 2026-07-01T00:00:00Z', 'aria-label': 'As of (ISO timestamp)' });
  const form = h(
    'form',
    { class: 'asof' },
    h('label', {}, 'As of ', exact),
    h('button', { type: 'submit' }, 'Redraw'),
    h('button', { type: 'button', onclick: () => change(undefined) }, 'Now'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = exact.value.trim();
    if (value && Number.isNaN(Date.parse(value))) {
      exact.setCustomValidity('asOf: must be an ISO 8601 timestamp');
      exact.reportValidity();
      return;
    }
    change(value ? new Date(value).toISOString() : undefined);
  });
  mount(
    target,
    h('h2', {}, 'Timeline'),
    h('p', { class: 'muted', id: 'asof-label' }, asOf ? `Shown as the registry knew it on ${asOf}` : 'Shown as the registry knows it now'),
    slider,
    form,
    h(
      'ol',
      { class: 'timeline', id: 'timeline-entries' },
      entries.map((entry, n) =>
        h(
          'li',
          { class: `${entry.kind}${n === selected ? ' current' : ''}${n > selected ? ' later' : ''}` },
          h(
            'button',
            { type: 'button', class: 'link', title: 'Show the network as known then', onclick: () => change(entry.at) },
            new Date(entry.at).toISOString().replace('T', ' ').slice(0, 19),
          ),
          h('span', { class: `badge ${entry.kind}` }, entry.kind),
          ` #${entry.position} ${entry.text}`,
        ),
      ),
    ),
  );
}
