/**
 * Probe (issue 12, branch `giant`): what the operator view's move costs after one write to a shop
 * among BENCH_SHOPS shops built like bench:erasure's (an owner of their own each, all named alike,
 * one shared payout account and pickup point: hubs). In-process, embedded SQLite; prints, per
 * write, the wall and process CPU until the projections settle, and the view builder's two steps
 * (the shops it walked, the shops it resolved again and rewrote).
 *
 *   BENCH_SHOPS=3000 npx ts-node --transpile-only -r tsconfig-paths/register test/bench/hub-upkeep.bench.ts
 */
import { performance } from 'node:perf_hooks';
import { aRegistration } from '../api/shops-api.suite';
import { startRegistry } from '../support/registry-app';
import { OperatorViewBuilder } from '../../libs/resolution/src/operator-view/operator-view.builder';
import { keyShopsTable } from '../../libs/resolution/src/operator-view/key-shops.sql';

const SHOPS = Number(process.env.BENCH_SHOPS ?? 1000);
const log: string[] = [];
let trace = false;
/** The builder's two private steps, timed from outside: what each walked or rewrote. */
type Timed = (this: OperatorViewBuilder, ...args: unknown[]) => Promise<{ touched: Set<string>; walkedAtTo: unknown[] } | number>;
const steps = OperatorViewBuilder.prototype as unknown as Record<'touched' | 'rewrite', Timed>;
for (const name of ['touched', 'rewrite'] as const) {
  const original = steps[name];
  steps[name] = async function (...args) {
    const t = performance.now();
    const c = process.cpuUsage();
    const r = await original.apply(this, args);
    const u = process.cpuUsage(c);
    const what = typeof r === 'number' ? `shops=${r}` : `touched=${r.touched.size} walks=${r.walkedAtTo.length}`;
    if (trace) log.push(`  ${name}: ${(performance.now() - t).toFixed(0)} ms wall, ${((u.user + u.system) / 1000).toFixed(0)} ms cpu, ${what}`);
    return r;
  };
}
const move = keyShopsTable.move.bind(keyShopsTable);
keyShopsTable.move = async (tx, from, to) => {
  const t = performance.now();
  await move(tx, from, to);
  if (trace) log.push(`  keyShops.move: ${(performance.now() - t).toFixed(0)} ms`);
};

async function main() {
  const registry = await startRegistry({ REGISTRY_ERASURE_FINALIZE_INTERVAL_HOURS: '0', REGISTRY_RETENTION_INTERVAL_HOURS: '0' });
  try {
    const platform = registry.key('demo-platform');
    const shops = Array.from({ length: SHOPS }, (_, i) => {
      const body = aRegistration(`e-${i}`);
      Object.assign(body.claims[0].subject, { nationalId: `0010890${String(i).padStart(5, '0')}`, phone: `09${String(i).padStart(8, '0')}` });
      return body;
    });
    for (let s = 0; s < SHOPS; s += 5000) {
      const r = await registry
        .http()
        .post('/platform/shops/bulk')
        .set('x-api-key', platform)
        .send({ shops: shops.slice(s, s + 5000) });
      if (r.status !== 200) throw new Error(`bulk ${r.status}`);
    }
    await registry.settle();
    const op = await registry
      .http()
      .get('/enforcement/shops/demo-platform/e-7/operator')
      .set('x-api-key', registry.key('demo-officer'))
      .set({ 'x-case-reference': 'QLTT-HN-2026-0117', 'x-purpose': 'counterfeit_goods' });
    const b = op.body;
    const shown = b.operator;
    console.log(
      `${SHOPS} shops; operator of e-7: ${shown.operatorId}, ${shown.shops.length} shop(s), hubs ${shown.hubs.map((h: { joinKey: string; shopCount: number }) => `${h.joinKey} (${h.shopCount})`).join(', ')}`,
    );
    const timed = async (label: string, f: () => Promise<unknown>) => {
      trace = true;
      log.length = 0;
      const t = performance.now();
      const c = process.cpuUsage();
      await f();
      await registry.settle();
      const u = process.cpuUsage(c);
      trace = false;
      console.log(`${label}: ${(performance.now() - t).toFixed(0)} ms wall, ${((u.user + u.system) / 1000).toFixed(0)} ms cpu (process)`);
      for (const l of log) console.log(l);
    };
    await timed('new contact claim on e-11', () =>
      registry
        .http()
        .post('/platform/shops/e-11/claims')
        .set('x-api-key', platform)
        .send({ claimId: 'c2', role: 'contact', subject: { email: 'e11@example.vn' } })
        .then((r) => {
          if (r.status !== 201) throw new Error(`claim ${r.status} ${JSON.stringify(r.body)}`);
        }),
    );
    await timed('new payout claim on e-12 (an account of its own)', () =>
      registry
        .http()
        .post('/platform/shops/e-12/claims')
        .set('x-api-key', platform)
        .send({ claimId: 'p2', role: 'payout_account', subject: { fullName: 'Lê Văn C', bankAccount: { bankCode: 'tcb', accountNumber: '1903 1234 5678' } } })
        .then((r) => {
          if (r.status !== 201) throw new Error(`claim ${r.status} ${JSON.stringify(r.body)}`);
        }),
    );
    const erase =
      (value: string, kind = 'nationalId') =>
      () =>
        registry
          .http()
          .post('/admin/erasures')
          .set('x-api-key', registry.key('bootstrap-admin'))
          .send({ identifier: { kind, value }, legalGround: 'data_subject_request', reference: 'probe' })
          .then((r) => {
            if (r.status !== 200) throw new Error(`erase ${r.status}`);
            console.log('  erased', r.body.erasedRecords, JSON.stringify(r.body.erased?.values));
          });
    await timed('erase national ID of e-42', erase('001089000042'));
    await timed('erase phone of e-43', erase('0900000043', 'phone'));
    await timed('payout claim on the shared account by a named holder, e-60', () =>
      registry
        .http()
        .post('/platform/shops/e-60/claims')
        .set('x-api-key', platform)
        .send({
          claimId: 'p3',
          role: 'payout_account',
          subject: { fullName: 'Phạm Văn D', nationalId: '079090000001', bankAccount: { bankCode: 'vcb', accountNumber: '0011 0044 55667' } },
        })
        .then((r) => {
          if (r.status !== 201) throw new Error(`claim ${r.status} ${JSON.stringify(r.body)}`);
        }),
    );
    await timed('erase that holder (a claim on the hub account)', erase('079090000001'));
  } finally {
    await registry.close();
  }
}
main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
