import { RegistryConfig } from '@registry/platform';
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

  it('at the largest accepted value, still finds a key shared by unrelated sellers a hub', () => {
    const policy = configured(DEFAULT_RESOLUTION_POLICY.hubSample - 1);
    const graph = resolve(shippersPhone(), '2025-06-01', policy);
    expect(graph.isHub('phone:0912000111')).toBe(true);
    expect(clustersOf(graph)).toHaveLength(60);
  });

  it('is refused at the hub sample or above, where no hub could be found and every seller behind one phone would be one operator', () => {
    const sample = DEFAULT_RESOLUTION_POLICY.hubSample;
    // What such a threshold would do: the 60 sellers joined into one.
    expect(clustersOf(resolve(shippersPhone(), '2025-06-01', { ...DEFAULT_RESOLUTION_POLICY, hubThreshold: sample }))).toHaveLength(1);
    expect(() => configured(sample)).toThrow(`REGISTRY_HUB_THRESHOLD ${sample}: a key is judged on the first ${sample} of its shops`);
    expect(() => configured(1000)).toThrow(`at most ${sample - 1}`);
  });
});
