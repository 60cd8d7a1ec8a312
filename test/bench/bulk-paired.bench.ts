/**
 * Bulk onboarding's server CPU a shop on two builds at once, for a change too small for the
 * spread of `bench:http` on a shared machine (issue 14). Both builds serve on fresh folders side
 * by side; bulk requests of 5,000 sellers (as bench:http sends) go to each in turn, the order
 * swapped every round, each measured from its send until its projections reached the head, as
 * the CPU the process used (/proc). A pair's two requests so share the machine's load.
 *
 *   BENCH_MAINS=<before>/apps/registry/src/main.js,<after>/apps/registry/src/main.js BENCH_ROUNDS=4 \
 *     npx ts-node --transpile-only -r tsconfig-paths/register test/bench/bulk-paired.bench.ts
 *
 * BENCH_MAINS (required), BENCH_ROUNDS (default 4; request 0 warms up, not counted), BENCH_BULK_SIZE (default 5,000).
 */
import { aSeller } from './sellers';
import { exitOnFailure, runPaired } from './paired-builds';

const SIZE = Number(process.env.BENCH_BULK_SIZE ?? 5000);

exitOnFailure(
  runPaired({
    name: 'bench:bulk-paired',
    rounds: Number(process.env.BENCH_ROUNDS ?? 4),
    units: SIZE,
    unit: 'a shop',
    work: `bulk of ${SIZE}`,
    async send(build, round) {
      const body = JSON.stringify({ shops: Array.from({ length: SIZE }, (_, i) => aSeller(`paired-${round}-${i}`, 100_000 + round * SIZE + i)) });
      const response = await fetch(`${build.server.url}/platform/shops/bulk`, {
        method: 'POST',
        headers: { 'x-api-key': build.platform, 'content-type': 'application/json' },
        body,
      });
      const answer = (await response.json()) as { counts?: { registered?: number } };
      if (answer.counts?.registered !== SIZE) throw new Error(`${build.main}: ${JSON.stringify(answer).slice(0, 300)}`);
    },
  }),
);
