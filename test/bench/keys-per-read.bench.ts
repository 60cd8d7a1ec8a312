/**
 * Data keys an operator read asks the key store for, on a folder `bench:resolution` loaded:
 * `BENCH_DATA_DIR=<a copy> npx ts-node --transpile-only -r tsconfig-paths/register test/bench/keys-per-read.bench.ts`.
 *
 * Not a timing: it starts the service in-process on the folder (the reads append audit records:
 * give it a copy), reads the operator of the first BENCH_READS shops in stream order, and counts
 * the distinct key ids each read hands `DataKeyStore.keysById` (the keys of the sealed events it
 * shows; cached keys are counted too, they are what a cold cache would fetch).
 *
 * BENCH_DATA_DIR  the loaded folder (required; it is written to)
 * BENCH_READS     reads (default 300)
 */
import { DataKeyStore } from '@registry/privacy';
import { startRegistry } from '../support/registry-app';

async function main(): Promise<void> {
  const folder = process.env.BENCH_DATA_DIR;
  if (!folder) throw new Error('BENCH_DATA_DIR: a copy of a folder bench:resolution loaded');
  const reads = Number(process.env.BENCH_READS ?? 300);
  let asked = 0;
  let calls = 0;
  const keysById = DataKeyStore.prototype.keysById;
  DataKeyStore.prototype.keysById = function (this: DataKeyStore, ids: readonly string[]) {
    calls++;
    asked += new Set(ids).size;
    return keysById.call(this, ids);
  };
  const registry = await startRegistry({ REGISTRY_DATA_DIR: folder, REGISTRY_RETENTION_INTERVAL_HOURS: '0', REGISTRY_ERASURE_FINALIZE_INTERVAL_HOURS: '0' });
  try {
    await registry.settle();
    const shops = await registry.db.reader.rows<{ stream: string }>("SELECT DISTINCT stream FROM events WHERE stream LIKE 'shop-%' ORDER BY stream LIMIT $1", [
      reads,
    ]);
    [asked, calls] = [0, 0];
    let shown = 0;
    for (const { stream } of shops) {
      const [platformId, shopId] = stream.slice('shop-'.length).split(':');
      const response = await registry
        .http()
        .get(`/enforcement/shops/${platformId}/${shopId}/operator`)
        .set('x-api-key', registry.key('demo-officer'))
        .set({ 'x-case-reference': 'QLTT-2026-1', 'x-purpose': 'judicial_request' });
      if (response.status !== 200) throw new Error(`${stream}: ${response.status}`);
      shown += (response.body as { operator?: { shops?: unknown[] } }).operator?.shops?.length ?? 0;
    }
    const per = (n: number) => (n / shops.length).toFixed(2);
    process.stdout.write(
      `${shops.length} operator reads: ${per(asked)} data keys asked a read, in ${per(calls)} keysById calls; ${per(shown)} shops shown a read\n`,
    );
  } finally {
    await registry.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
