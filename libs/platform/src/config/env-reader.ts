/**
 * Reads variables and collects what is wrong with each instead of stopping at the first, so that
 * an operator fixes a configuration in one go; `check()` throws one error naming every bad variable.
 */
export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  string(name: string, fallback: string): string {
    return this.env[name] ?? fallback;
  }

  optional(name: string): string | undefined {
    return this.env[name] || undefined;
  }

  integer(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const raw = this.env[name];
    if (raw === undefined) return fallback;
    const value = /^-?\d+$/.test(raw.trim()) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      this.problem(name, max === Number.MAX_SAFE_INTEGER ? `must be a whole number of at least ${min}` : `must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(name: string, fallback: T, values: readonly T[]): T {
    const raw = this.env[name] ?? fallback;
    if (values.includes(raw as T)) return raw as T;
    this.problem(name, `must be one of ${values.join(', ')}`);
    return fallback;
  }

  matching(name: string, fallback: string, pattern: RegExp, rule: string): string {
    const raw = this.env[name] ?? fallback;
    if (!pattern.test(raw)) this.problem(name, rule);
    return raw;
  }

  /** For rules that read more than one variable, or that live in another module. */
  problem(name: string, rule: string): void {
    this.problems.push(`${name} ${rule}`);
  }

  check(): void {
    if (this.problems.length > 0) throw new ConfigurationError(this.problems);
  }
}

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
  }
}
