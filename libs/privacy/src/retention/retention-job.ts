import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SqlDatabase } from '@registry/event-store';
import { REGISTRY_CONFIG, RegistryConfig, runsProjections } from '@registry/platform';
import { PersonalDataEraser } from '../erasure/personal-data-eraser';
import { keyIdOf } from '../data-keys/stored-key-id';
import { storedRole } from '../personal-data-index/stored-role';
import { RetentionRule, retentionPolicy } from './retention-policy';

export interface RetentionReport {
  readonly appliedAt: string;
  readonly dryRun: boolean;
  readonly erasureId: string | null;
  readonly byRole: Readonly<Record<string, number>>;
  readonly total: number;
}

const DAY_MS = 86_400_000;

/** Applies the retention policy through erasure: daily in the process that runs projections, and from the CLI. */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Retention');
  private readonly rules: readonly RetentionRule[];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: SqlDatabase,
    private readonly eraser: PersonalDataEraser,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {
    this.rules = retentionPolicy(config.retention);
  }

  onApplicationBootstrap(): void {
    if (!runsProjections(this.config) || this.config.retentionIntervalHours === 0) return;
    this.timer = setInterval(() => {
      this.apply().catch((error) => this.logger.error({ msg: 'retention run failed', error: String(error) }));
    }, this.config.retentionIntervalHours * 3_600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async apply(now: Date = new Date(), dryRun = false): Promise<RetentionReport> {
    const byRole: Record<string, number> = {};
    const keyIds: string[] = [];
    for (const rule of this.rules) {
      const cutoff = new Date(now.getTime() - rule.keepDaysAfterShopClosed * DAY_MS).toISOString();
      const rows = await this.db.reader.rows<{ key_id: string | Buffer }>(
        'SELECT key_id FROM personal_data_records WHERE role = $1 AND shop_closed_at IS NOT NULL AND shop_closed_at <= $2',
        [storedRole(rule.role), cutoff],
      );
      if (rows.length > 0) byRole[rule.role] = rows.length;
      keyIds.push(...rows.map((r) => keyIdOf(r.key_id)));
    }
    const erasure =
      dryRun || keyIds.length === 0
        ? null
        : await this.eraser.erase(
            keyIds,
            { matchedBy: 'retention-policy', legalGround: 'retention_expired', reference: `retention ${now.toISOString()}` },
            { correlationId: `retention-${now.toISOString()}`, causationId: null, principal: 'system:retention' },
          );
    const report = { appliedAt: now.toISOString(), dryRun, erasureId: erasure?.erasureId ?? null, byRole, total: keyIds.length };
    this.logger.log({ msg: 'retention applied', ...report });
    return report;
  }
}
