import { RegistryConfig } from '@registry/platform';
import { DEFAULT_RESOLUTION_POLICY, ResolutionPolicy } from '../domain';

/** The resolution policy the configuration asks for: the default table with its hub threshold (at most HUB_THRESHOLD_MAX). */
export const resolutionPolicyOf = (config: RegistryConfig): ResolutionPolicy => ({
  ...DEFAULT_RESOLUTION_POLICY,
  hubThreshold: config.hubThreshold ?? DEFAULT_RESOLUTION_POLICY.hubThreshold,
});
