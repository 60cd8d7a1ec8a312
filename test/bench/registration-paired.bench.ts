/**
 * Registration's server CPU a request on two builds at once (issue 14), for changes too small for
 * the spread of `bench:http` on a shared machine, where one build's CPU a registration moved by a
 * factor of two between runs. As bulk-paired.bench.ts does for bulk onboarding: both builds serve
 * on fresh folders side by side; each round sends BENCH_REQUESTS registrations (`aSeller`, three
 * claims, a new shop each) at BENCH_CONNECTIONS connections to each build in turn, the order swapped
 * every round, each measured from its first request until its projections reached the head, as the
 * CPU the process used (/proc). A pair's two runs so share the machine's load.
 *
 *   BENCH_MAINS=<before>/apps/registry/src/main.js,<after>/apps/registry/src/main.js BENCH_ROUNDS=6 \
 *     npx ts-node --transpile-only -r tsconfig-paths/register test/bench/registration-paired.bench.ts
 *
 * BENCH_MAINS (required), BENCH_ROUNDS (default 6; round 0 warms up, not counted), BENCH_REQUESTS
 * (default 2,000), BENCH_CONNECTIONS (default 20).
 */
import { aSeller } from './sellers';
import { autocannon } from './bench-server';
import { exitOnFailure, runPaired } from './paired-builds';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

exitOnFailure(
  runPaired({
    name: 'bench:registration-paired',
    rounds: Number(process.env.BENCH_ROUNDS ?? 6),
    units: REQUESTS,
    unit: 'a registration',
    work: `${REQUESTS} at ${CONNECTIONS} connections`,
    async send(build, round) {
      let n = 0;
      const result = await autocannon({
        url: build.server.url,
        connections: CONNECTIONS,
        amount: REQUESTS,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            path: '/platform/shops',
            headers: { 'x-api-key': build.platform, 'content-type': 'application/json' },
            setupRequest: (request: object) => ({ ...request, body: JSON.stringify(aSeller(`paired-${round}-${n}`, 200_000 + round * REQUESTS + n++)) }),
          },
        ],
      });
      const failed = result.non2xx + result.errors + result.timeouts;
      if (failed > 0) throw new Error(`${build.main}: ${failed} of ${REQUESTS} registrations failed`);
    },
  }),
);
