import { RegistryConfig } from '@registry/platform';
import { DEFAULT_RESOLUTION_POLICY, ResolutionPolicy } from '../domain';

/**
 * The resolution policy the configuration asks for: the default table with its hub threshold. A key
 * is judged on the first `hubSample` of its shops, which fall into at most that many groups: a
 * threshold of `hubSample` or more would never find a hub, and a shipper's phone on ten thousand
 * shops would join them all into one operator. Such a threshold is refused, so the registry does not
 * start with it.
 */
export const resolutionPolicyOf = (config: RegistryConfig): ResolutionPolicy => {
  const hubThreshold = config.hubThreshold ?? DEFAULT_RESOLUTION_POLICY.hubThreshold;
  const { hubSample } = DEFAULT_RESOLUTION_POLICY;
  if (hubThreshold >= hubSample) {
    throw new RangeError(
      `REGISTRY_HUB_THRESHOLD ${hubThreshold}: a key is judged on the first ${hubSample} of its shops, so a threshold of ${hubSample} or more would find no hub; at most ${hubSample - 1}`,
    );
  }
  return { ...DEFAULT_RESOLUTION_POLICY, hubThreshold };
};
