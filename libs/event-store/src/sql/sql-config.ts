import { join, resolve } from 'node:path';

export type SqlConfig =
  { readonly dialect: 'sqlite'; readonly file: string } | { readonly dialect: 'postgres'; readonly url: string; readonly poolSize: number };

/** `DATABASE_URL=postgres://…` selects PostgreSQL; otherwise SQLite in `REGISTRY_DATA_DIR` (default ./data). */
export function sqlConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SqlConfig {
  const url = env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    return { dialect: 'postgres', url, poolSize: Number(env.DATABASE_POOL_SIZE ?? 10) };
  }
  if (url) throw new Error('DATABASE_URL must start with postgres:// (or be unset for the embedded SQLite store)');
  const dataDir = resolve(env.REGISTRY_DATA_DIR ?? 'data');
  return { dialect: 'sqlite', file: join(dataDir, 'registry.sqlite') };
}
