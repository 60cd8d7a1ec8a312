import { ResolutionPolicy } from '../resolution-policy';

/** How sure, as a word an investigator reads first and the number behind it. */
export interface ConfidenceLevel {
  readonly level: 'high' | 'medium' | 'low';
  readonly value: number;
}

export function levelOf(value: number, policy: ResolutionPolicy): ConfidenceLevel {
  const rounded = Math.round(value * 100) / 100;
  const { high, medium } = policy.confidenceLevels;
  return { level: rounded >= high ? 'high' : rounded >= medium ? 'medium' : 'low', value: rounded };
}
