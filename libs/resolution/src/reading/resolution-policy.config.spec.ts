import { HUB_THRESHOLD_MAX, RegistryConfig } from '@registry/platform';
import { DEFAULT_RESOLUTION_POLICY } from '../domain';
import { FactLog, id } from '../domain/testing/fact-log';
import { clustersOf, resolve } from '../domain/testing/resolve';
import { resolutionPolicyOf } from './resolution-policy.config';

const configured = (hubThreshold: number | undefined) => resolutionPolicyOf({ hubThreshold } as RegistryConfig);

/** A shipper's phone as the contact of 60 shops of 60 unrelated sellers, each paid into an account of its own. */
const shippersPhone = () => {
  const log = new FactLog();
  for (let n = 0; n < 60; n++) {
    const shop = `shopee:s-${String(n).padStart(3, '0')}`;
    log.claim(shop, 'contact', id('phone', '0912000111'));
    log.claim(shop, 'payout_account', id('bankAccount', `VCB:${n}`));
  }
  return log;
};

describe('the hub threshold the configuration sets', () => {
  it('is the policy default when unset', () => {
    expect(configured(undefined)).toEqual(DEFAULT_RESOLUTION_POLICY);
  });

  it('at the largest value the configuration accepts, still finds a key shared by unrelated sellers a hub', () => {
    const graph = resolve(shippersPhone(), '2025-06-01', configured(HUB_THRESHOLD_MAX));
    expect(graph.isHub('phone:0912000111')).toBe(true);
    expect(clustersOf(graph)).toHaveLength(60);
  });

  it('one above that largest value is the hub sample, where no hub could be found and every seller behind one phone would be one operator', () => {
    expect(HUB_THRESHOLD_MAX + 1).toBe(DEFAULT_RESOLUTION_POLICY.hubSample);
    expect(clustersOf(resolve(shippersPhone(), '2025-06-01', configured(HUB_THRESHOLD_MAX + 1)))).toHaveLength(1);
  });
});
