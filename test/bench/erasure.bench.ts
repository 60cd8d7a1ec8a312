/**
 * `npm run bench:erasure`: what erasure and its finalization cost, on the embedded SQLite store.
 *
 * Not a test: it starts the service in-process on a fresh data folder, onboards BENCH_ERASURE_SHOPS
 * shops (three claims each: three data keys per shop) through the bulk API, then prints:
 *   - a person erased by national ID, another by phone (the walk over the person's identifiers, and the erasure);
 *   - finalize-erasures: every live data key re-wrapped under a new master key, the WAL truncated;
 *   - the same rotation once more without a pending erasure, for comparison (finalize does nothing then).
 *
 * BENCH_ERASURE_SHOPS  shops onboarded (default 20,000)
 */
import { DataKeyStore, ErasureFinalizer } from '@registry/privacy';
import { performance } from 'node:perf_hooks';
import { aRegistration } from '../api/shops-api.suite';
import { startRegistry } from '../support/registry-app';

const SHOPS = Number(process.env.BENCH_ERASURE_SHOPS ?? 20_000);
const BULK_SIZE = 5000;

async function main(): Promise<void> {
  const registry = await startRegistry({ REGISTRY_ERASURE_FINALIZE_INTERVAL_HOURS: '0', REGISTRY_RETENTION_INTERVAL_HOURS: '0' });
  try {
    const platform = registry.key('demo-platform');
    const onboardingStarted = performance.now();
    for (let start = 0; start < SHOPS; start += BULK_SIZE) {
      const shops = Array.from({ length: Math.min(BULK_SIZE, SHOPS - start) }, (_, i) => {
        const body = aRegistration(`e-${start + i}`);
        // One owner per shop: a national ID of its own, so that the erasure below finds one person's records.
        Object.assign(body.claims[0].subject, { nationalId: `0010890${String(start + i).padStart(5, '0')}`, phone: `09${String(start + i).padStart(8, '0')}` });
        return body;
      });
      const response = await registry.http().post('/platform/shops/bulk').set('x-api-key', platform).send({ shops });
      if (response.status !== 200 || response.body.counts.registered !== shops.length)
        throw new Error(`bulk: ${response.status} ${JSON.stringify(response.body.counts)}`);
      process.stderr.write(`onboarded ${start + shops.length}\n`);
    }
    await registry.settle();
    const onboardMs = performance.now() - onboardingStarted;
    const [{ keys }] = await registry.db.reader.rows<{ keys: number }>('SELECT COUNT(*) AS keys FROM data_keys');

    const erase = async (identifier: { kind: string; value: string }) => {
      const started = performance.now();
      const response = await registry
        .http()
        .post('/admin/erasures')
        .set('x-api-key', registry.key('bootstrap-admin'))
        .send({ identifier, legalGround: 'data_subject_request', reference: 'bench' });
      if (response.status !== 200) throw new Error(`erasure: ${response.status}`);
      return { ms: performance.now() - started, body: response.body };
    };
    const first = await erase({ kind: 'nationalId', value: '001089000042' });
    const second = await erase({ kind: 'phone', value: '0900000043' });

    let t = performance.now();

    const report = await registry.app.get(ErasureFinalizer).finalize();
    const finalizeMs = performance.now() - t;

    t = performance.now();
    const rotation = await registry.app.get(DataKeyStore).rotateMasterKey(0);
    const rotateMs = performance.now() - t;

    t = performance.now();
    const idle = await registry.app.get(ErasureFinalizer).finalize();
    const idleMs = performance.now() - t;

    const rows = [
      ['onboarding, projections caught up', `${(onboardMs / 1000).toFixed(1)} s`, `${Math.round(SHOPS / (onboardMs / 1000))} shops/s`],
      ['data keys in the database', String(keys), ''],
      [
        'erase one person (national ID), first request',
        `${first.ms.toFixed(0)} ms`,
        `${first.body.erasedRecords} records, ${JSON.stringify(first.body.erased.values)}`,
      ],
      ['erase another (phone)', `${second.ms.toFixed(0)} ms`, `${second.body.erasedRecords} records, ${JSON.stringify(second.body.erased.values)}`],
      [
        'finalize-erasures',
        `${(finalizeMs / 1000).toFixed(1)} s`,
        `${report.masterKey?.rewrappedDataKeys} keys re-wrapped (${Math.round((report.masterKey?.rewrappedDataKeys ?? 0) / (finalizeMs / 1000))}/s, 2 s of it the grace pause); ${report.storage.join('; ')}`,
      ],
      [
        'rotate-master-key, no grace pause',
        `${(rotateMs / 1000).toFixed(1)} s`,
        `${rotation.rewrapped} keys re-wrapped (${Math.round(rotation.rewrapped / (rotateMs / 1000))}/s)`,
      ],
      ['finalize-erasures, nothing pending', `${idleMs.toFixed(0)} ms`, `${idle.erasedKeys} erased keys`],
    ];
    for (const row of rows) process.stdout.write(`${row[0].padEnd(48)} ${row[1].padStart(10)}  ${row[2]}\n`);
  } finally {
    await registry.close();
  }
}

main().catch((error) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
});
