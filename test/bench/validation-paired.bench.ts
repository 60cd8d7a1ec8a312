/**
 * The edge validation's CPU on built copies of the registry, in one process, in turn (issue 14): a
 * registration body (`aSeller`) through the global pipe, and as a bulk item through validateItem.
 * Rounds alternate the builds' order; the first two warm up and are not counted.
 *
 *   BENCH_DISTS=<before dist>,<after dist> npx ts-node --transpile-only -r tsconfig-paths/register test/bench/validation-paired.bench.ts
 *
 * BENCH_DISTS (required: folders holding `libs/`, as `nest build` writes them), BENCH_ROUNDS (default 8).
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { aSeller } from './sellers';

const DISTS = (process.env.BENCH_DISTS ?? '').split(',').filter(Boolean);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const BODIES = Array.from({ length: 3000 }, (_, i) => JSON.stringify(aSeller(`shop-${i}`, i)));

interface Build {
  readonly dist: string;
  readonly pipe: { transform(value: unknown, metadata: object): Promise<unknown> };
  readonly validateItem: (dto: unknown, raw: unknown, path: string) => Promise<unknown>;
  readonly dto: unknown;
}

/** CPU µs a body, less what parsing the body costs. */
async function cpuPerBody(use: (body: unknown) => unknown): Promise<number> {
  const time = async (f: (body: unknown) => unknown) => {
    const start = process.cpuUsage();
    for (const text of BODIES) await f(JSON.parse(text));
    const used = process.cpuUsage(start);
    return (used.user + used.system) / BODIES.length;
  };
  return (await time(use)) - (await time(() => undefined));
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

async function main(): Promise<void> {
  if (DISTS.length < 2) throw new Error('BENCH_DISTS: two or more built folders, comma-separated');
  const builds: Build[] = [];
  for (const dist of DISTS) {
    const platform = await import(join(dist, 'libs/platform/src'));
    const { RegisterShopDto } = await import(join(dist, 'libs/registration/src/register-shop/register-shop.dto'));
    builds.push({ dist, pipe: platform.registryValidationPipe(), validateItem: platform.validateItem, dto: RegisterShopDto });
  }
  const pipe = builds.map((): number[] => []);
  const item = builds.map((): number[] => []);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? [...builds.keys()] : [...builds.keys()].reverse();
    for (const i of order) {
      const { dto, validateItem } = builds[i];
      const metadata = { type: 'body', metatype: dto, data: undefined };
      const piped = await cpuPerBody((body) => builds[i].pipe.transform(body, metadata));
      const itemised = await cpuPerBody((body) => validateItem(dto, body, 'shops[0]'));
      if (round >= 2) {
        pipe[i].push(piped);
        item[i].push(itemised);
      }
    }
  }
  builds.forEach(({ dist }, i) => {
    console.log(dist);
    console.log(`  global pipe, a registration body: median ${median(pipe[i]).toFixed(1)} µs CPU [${pipe[i].map((v) => v.toFixed(0)).join(', ')}]`);
    console.log(`  validateItem, a bulk item:        median ${median(item[i]).toFixed(1)} µs CPU [${item[i].map((v) => v.toFixed(0)).join(', ')}]`);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
