import { Injectable } from '@nestjs/common';

/** What a bounded context adds to `/health/ready`: whether its part is up, and details an operator reads. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<{ readonly up: boolean; readonly details: Record<string, unknown> }>;
}

/**
 * Checks other modules add to readiness (the tax relay, say) without the health controller
 * knowing them. A module registers its check when it starts and removes it when it stops.
 */
@Injectable()
export class ReadinessChecks {
  private readonly checks = new Map<string, ReadinessCheck>();

  add(check: ReadinessCheck): () => void {
    this.checks.set(check.name, check);
    return () => this.checks.delete(check.name);
  }

  all(): ReadinessCheck[] {
    return [...this.checks.values()];
  }
}
