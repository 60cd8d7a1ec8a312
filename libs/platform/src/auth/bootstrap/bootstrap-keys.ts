import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CheckpointMovedError, ConcurrencyError, EventMetadata, EventStore, Processor, startStream } from '@registry/event-store';
import { randomUUID } from 'node:crypto';
import { REGISTRY_CONFIG, RegistryConfig, runsProjections } from '../../config/registry-config';
import { generateApiKey, hashApiKey } from '../api-keys';
import { BOOTSTRAP_STREAM } from '../domain/principal.events';
import { Principal } from '../principal';
import { PrincipalDirectory } from '../principal-directory/principal-directory';
import { PRINCIPAL_DIRECTORY } from '../principal-directory/principal-directory.projection';
import { PrincipalService } from '../principal.service';
import { writeApiKeyFile } from './api-key-file';

/** One principal of each role, so that a fresh registry can be administered and tried out. */
export const BOOTSTRAP_PRINCIPALS: readonly Principal[] = [
  { id: 'bootstrap-admin', role: 'admin', name: 'Bootstrap administrator' },
  { id: 'demo-platform', role: 'platform', name: 'Demo platform', platformId: 'demo-platform' },
  { id: 'demo-bank', role: 'partner', name: 'Demo bank', partnerId: 'demo-bank', partnerKind: 'bank' },
  { id: 'demo-telecom', role: 'partner', name: 'Demo telecom', partnerId: 'demo-telecom', partnerKind: 'telecom' },
  { id: 'demo-carrier', role: 'partner', name: 'Demo carrier', partnerId: 'demo-carrier', partnerKind: 'carrier' },
  { id: 'demo-officer', role: 'enforcement', name: 'Demo enforcement officer', agency: 'demo-agency' },
  { id: 'demo-tax-office', role: 'tax_office', name: 'Demo tax office' },
];

const SYSTEM_PRINCIPAL = 'system:bootstrap';

/**
 * On the first start (no principal at all) creates the bootstrap principals with random keys and
 * writes the keys to `<dataDir>/api-keys.json`, never to the log. Off with REGISTRY_BOOTSTRAP_KEYS=0.
 * The file is written only after the principals exist, so it never holds keys that do not work; a
 * crash in between leaves principals whose keys nobody has, and the remedy on a first start is to
 * start again on an empty database.
 */
@Injectable()
export class BootstrapKeys implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly store: EventStore,
    private readonly principals: PrincipalService,
    private readonly directory: PrincipalDirectory,
    private readonly runner: Processor,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.bootstrapKeys) return;
    if ((await this.store.readStream(BOOTSTRAP_STREAM)).length > 0 || !(await this.directory.isEmpty())) return;

    const metadata: EventMetadata = { correlationId: randomUUID(), causationId: null, principal: SYSTEM_PRINCIPAL };
    if (!(await this.claimBootstrap(metadata))) {
      this.logger.log({ msg: 'another process is creating the bootstrap principals' });
      return;
    }
    const issued = BOOTSTRAP_PRINCIPALS.map((principal) => ({ principal, apiKey: generateApiKey() }));
    let last = 0;
    for (const { principal, apiKey } of issued) {
      const { positions } = await this.principals.append(principal.id, { type: 'CreatePrincipal', principal, keyHash: hashApiKey(apiKey) }, metadata);
      last = Math.max(last, ...positions);
    }
    const keys = issued.map(({ principal: { id, ...profile }, apiKey }) => ({ principalId: id, ...profile, apiKey }));
    const file = writeApiKeyFile(this.config.dataDir, { createdAt: new Date().toISOString(), principals: keys });
    this.logger.log({ msg: 'bootstrap principals created; their API keys are in the file', file });
    await this.waitForDirectory(last);
  }

  /** The marker goes first, to a stream that must not exist yet: of two processes starting at once, one wins. */
  private async claimBootstrap(metadata: EventMetadata): Promise<boolean> {
    const principalIds = BOOTSTRAP_PRINCIPALS.map((p) => p.id);
    try {
      await startStream(this.store, BOOTSTRAP_STREAM, [{ id: randomUUID(), type: 'PrincipalsBootstrapped', data: { principalIds }, metadata }]);
      return true;
    } catch (error) {
      if (error instanceof ConcurrencyError) return false;
      throw error;
    }
  }

  /** So that the keys in the file work as soon as the service answers. */
  private async waitForDirectory(position: number): Promise<void> {
    if (this.runsProjections()) {
      try {
        await this.runner.catchUp(PRINCIPAL_DIRECTORY);
      } catch (error) {
        // The projection's own subscription applied the batch first; the wait below sees it.
        if (!(error instanceof CheckpointMovedError)) throw error;
      }
    }
    if (!(await this.directory.waitUntilApplied(position))) {
      this.logger.warn({ msg: 'the principal directory has not applied the bootstrap principals yet; their keys work once a projector has' });
    }
  }

  /** The same rule as the projections lifecycle: API replicas leave projections to projector workers. */
  private runsProjections(): boolean {
    return runsProjections(this.config);
  }
}
