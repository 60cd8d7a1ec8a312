/**
 * Where the bytes of a registry database go: bytes per table and per index, and per shop.
 *
 * SQLite: the `dbstat` virtual table (better-sqlite3 12 compiles it in) gives the pages of every
 * table and index; the file's free pages are shown as `(free pages)`. PostgreSQL:
 * `pg_relation_size` of every table and index of the schema (TOAST included in its table).
 *
 * CLI: `npx ts-node --transpile-only test/bench/storage-breakdown.ts <registry.sqlite | postgres://…> [shops]`
 * prints the table; with `shops`, also bytes per shop. On PostgreSQL it runs `VACUUM ANALYZE`
 * first, so that row counts are current and dead rows of the load are not counted.
 */
import Database from 'better-sqlite3';

export interface StoredObject {
  readonly name: string;
  readonly type: 'table' | 'index' | 'free';
  /** The table an index belongs to (the table itself for a table). */
  readonly table: string;
  readonly bytes: number;
  readonly rows: number | null;
}

export interface StorageBreakdown {
  readonly totalBytes: number;
  readonly objects: StoredObject[];
}

/** Bytes per table and index of a SQLite file, largest first. */
export function sqliteStorageBreakdown(file: string): StorageBreakdown {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    const pages = Number(db.pragma('page_count', { simple: true }));
    const free = Number(db.pragma('freelist_count', { simple: true }));
    const schema = db.prepare("SELECT name, type, tbl_name FROM sqlite_schema WHERE type IN ('table', 'index')").all() as {
      name: string;
      type: 'table' | 'index';
      tbl_name: string;
    }[];
    const sizes = new Map(
      (db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').all() as { name: string; bytes: number }[]).map((r) => [r.name, r.bytes]),
    );
    const objects: StoredObject[] = [];
    for (const entry of schema) {
      const rows =
        entry.type === 'table' && !entry.name.startsWith('sqlite_')
          ? Number((db.prepare(`SELECT COUNT(*) AS n FROM "${entry.name.replace(/"/g, '""')}"`).get() as { n: number }).n)
          : null;
      objects.push({ name: entry.name, type: entry.type, table: entry.tbl_name, bytes: sizes.get(entry.name) ?? 0, rows });
    }
    // The schema table lists every object but itself.
    for (const [name, bytes] of sizes) if (!schema.some((entry) => entry.name === name)) objects.push({ name, type: 'table', table: name, bytes, rows: null });
    if (free > 0) objects.push({ name: '(free pages)', type: 'free', table: '', bytes: free * pageSize, rows: null });
    objects.sort((a, b) => b.bytes - a.bytes);
    return { totalBytes: pages * pageSize, objects };
  } finally {
    db.close();
  }
}

/** A PostgreSQL connection as far as this needs it (a `pg` client or pool). */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

/** Bytes per table (with its TOAST) and index of a PostgreSQL schema, largest first. */
export async function postgresStorageBreakdown(pg: PgQueryable, schema = 'public'): Promise<StorageBreakdown> {
  const { rows } = await pg.query(
    `SELECT c.relname AS name, c.relkind AS kind, COALESCE(t.relname, c.relname) AS table_name,
            CASE WHEN c.relkind = 'r' THEN pg_table_size(c.oid) ELSE pg_relation_size(c.oid) END AS bytes,
            CASE WHEN c.relkind = 'r' THEN c.reltuples ELSE NULL END AS rows
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_index i ON i.indexrelid = c.oid
       LEFT JOIN pg_class t ON t.oid = i.indrelid
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'i')`,
    [schema],
  );
  const objects: StoredObject[] = rows.map((r) => ({
    name: String(r.name),
    type: r.kind === 'i' ? 'index' : 'table',
    table: String(r.table_name),
    bytes: Number(r.bytes),
    rows: r.rows === null ? null : Math.max(0, Number(r.rows)),
  }));
  objects.sort((a, b) => b.bytes - a.bytes);
  return { totalBytes: objects.reduce((sum, o) => sum + o.bytes, 0), objects };
}

/** The breakdown as a Markdown table, with bytes per shop when the shop count is given. */
export function formatStorageBreakdown(breakdown: StorageBreakdown, shops?: number): string {
  const perShop = (bytes: number) => (shops ? (bytes / shops).toFixed(0) : '');
  const lines = [`| object | type | rows | bytes | share | ${shops ? 'bytes per shop |' : ''}`, `| --- | --- | ---: | ---: | ---: | ${shops ? '---: |' : ''}`];
  for (const o of breakdown.objects.filter((o) => o.bytes > 0)) {
    const name = o.type === 'index' ? `${o.name} (on ${o.table})` : o.name;
    const share = breakdown.totalBytes === 0 ? 0 : (100 * o.bytes) / breakdown.totalBytes;
    lines.push(`| ${name} | ${o.type} | ${o.rows ?? ''} | ${o.bytes} | ${share.toFixed(1)}% | ${shops ? `${perShop(o.bytes)} |` : ''}`);
  }
  lines.push(`| total | | | ${breakdown.totalBytes} | 100% | ${shops ? `${perShop(breakdown.totalBytes)} |` : ''}`);
  return lines.join('\n');
}

/** Bytes per table with its indexes, and the bytes in use (the file without its free pages). */
export function formatBytesPerTable(breakdown: StorageBreakdown, shops?: number): string {
  const perShop = (bytes: number) => (shops ? ` ${(bytes / shops).toFixed(0)} |` : '');
  const tables = new Map<string, number>();
  for (const o of breakdown.objects) if (o.type !== 'free') tables.set(o.table, (tables.get(o.table) ?? 0) + o.bytes);
  const used = [...tables.values()].reduce((sum, bytes) => sum + bytes, 0);
  const lines = [`| table with its indexes | bytes | share |${shops ? ' bytes per shop |' : ''}`, `| --- | ---: | ---: |${shops ? ' ---: |' : ''}`];
  for (const [table, bytes] of [...tables].sort((a, b) => b[1] - a[1]).filter(([, bytes]) => bytes > 4096 * 4))
    lines.push(`| ${table} | ${bytes} | ${((100 * bytes) / used).toFixed(1)}% |${perShop(bytes)}`);
  lines.push(`| in use (without free pages) | ${used} | 100% |${perShop(used)}`);
  return lines.join('\n');
}

if (require.main === module) {
  const [where, shops] = process.argv.slice(2);
  if (!where) {
    process.stderr.write('usage: storage-breakdown.ts <registry.sqlite | postgres://…> [shops]\n');
    process.exit(2);
  }
  const count = shops ? Number(shops) : undefined;
  const print = (breakdown: StorageBreakdown) =>
    process.stdout.write(`${formatBytesPerTable(breakdown, count)}\n\n${formatStorageBreakdown(breakdown, count)}\n`);
  if (/^postgres(ql)?:\/\//.test(where)) {
    void (async () => {
      const { Client } = await import('pg');
      const client = new Client({ connectionString: where });
      await client.connect();
      try {
        await client.query('VACUUM ANALYZE');
        print(await postgresStorageBreakdown(client));
      } finally {
        await client.end();
      }
    })();
  } else print(sqliteStorageBreakdown(where));
}
