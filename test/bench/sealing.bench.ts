/**
 * CPU of the personal-data codec on the registration path: encoding (a data key made, wrapped and
 * inserted per claim, the subject sealed) and reading (the data parsed from its stored text, keys
 * from the cache, the subject opened),
 * per claim, with the characters a sealed claim takes in the events table.
 *
 * `npx ts-node --transpile-only -r tsconfig-paths/register test/bench/sealing.bench.ts`
 *
 * BENCH_BEFORE   the root of another checkout (e.g. a `git worktree` of an earlier commit): its
 *                codec is measured in the same process, in rounds interleaved with this one's
 *                (the machine is shared: only a comparison within one run means much)
 * BENCH_ROUNDS   rounds of BENCH_CLAIMS claims each (default 12, the first 2 not counted: warm-up)
 * BENCH_CLAIMS   claims a round, in registrations of 5 (default 2,000)
 */
import { SqlDatabase, StoredEvent, eventStoreMigrations, timeOrderedId } from '@registry/event-store';
import * as privacy from '@registry/privacy';
import { registrationPersonalFields } from '@registry/registration/personal-fields';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 2_000);
const WARM_UP = 2;
const PER_REGISTRATION = 5;

type Privacy = Pick<typeof privacy, 'DataKeyStore' | 'PersonalDataCodec' | 'newMasterKey' | 'privacyMigrations'>;

const claim = (i: number) => ({
  id: timeOrderedId(),
  type: 'ClaimAdded',
  data: {
    claimId: `c${i % PER_REGISTRATION}`,
    role: 'declared_owner',
    // As the registry builds a subject (parseSubject): identifiers first, then the folded texts.
    subject: {
      nationalId: String(1_089_000_000 + i).padStart(12, '0'),
      phone: `+8491${String(i).padStart(7, '0')}`,
      fullName: { original: `Nguyễn Văn Người ${i}`, folded: `nguyen van nguoi ${i}` },
    },
    verification: { method: 'none', verifiedAt: null, reference: null },
    assertedBy: 'bench',
    validFrom: null,
    validTo: null,
  },
  metadata: { correlationId: 'bench', causationId: null, principal: 'bench' },
});

/** One codec on its own database; each round encodes new registrations, then decodes them. */
async function codecUnderTest(lib: Privacy, dir: string) {
  const db = await SqlDatabase.open(
    { dialect: 'sqlite', file: join(dir, 'registry.sqlite') },
    { migrations: [...eventStoreMigrations, ...lib.privacyMigrations] },
  );
  const keys = new lib.DataKeyStore(db, { masterKeys: [lib.newMasterKey()], indexKey: randomBytes(32), file: null });
  const codec = new lib.PersonalDataCodec(keys, registrationPersonalFields);
  let registrations = 0;
  return {
    close: () => db.close(),
    async round(): Promise<{ encode: number; decode: number; chars: number }> {
      const batch = Array.from({ length: CLAIMS / PER_REGISTRATION }, () => {
        const r = registrations++;
        return { stream: `shop-bench:s${r}`, events: Array.from({ length: PER_REGISTRATION }, (_, c) => claim(r * PER_REGISTRATION + c)) };
      });
      // As stored: the data column's text, parsed again by the store as it reads (part of reading either form).
      const stored: { event: StoredEvent; data: string }[] = [];
      const encode = await db.write(async (tx) => {
        const start = process.cpuUsage();
        for (const registration of batch) {
          const [{ stream, events }] = await codec.encode(tx, [registration]);
          for (const [i, event] of events.entries())
            stored.push({
              event: { ...event, stream, version: i + 2, position: stored.length + 1, recordedAt: '', schemaVersion: 1 } as StoredEvent,
              data: JSON.stringify(event.data),
            });
        }
        return cpuSince(start);
      });
      const start = process.cpuUsage();
      for (let i = 0; i < stored.length; i += 100)
        await codec.decode(stored.slice(i, i + 100).map((row) => ({ ...row.event, data: JSON.parse(row.data) as unknown })));
      const decode = cpuSince(start);
      const chars = stored.reduce((sum, row) => sum + row.data.length, 0);
      return { encode: encode / CLAIMS, decode: decode / CLAIMS, chars: chars / CLAIMS };
    },
  };
}

function cpuSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return used.user + used.system;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sealing-bench-'));
  try {
    const sides: [string, Privacy][] = [['this checkout', privacy]];
    const before = process.env.BENCH_BEFORE;
    if (before) sides.unshift([`before (${before})`, (await import(join(before, 'libs/privacy/src/index.ts'))) as Privacy]);
    const codecs = await Promise.all(sides.map(([, lib], i) => codecUnderTest(lib, mkdtempSync(join(dir, `side-${i}-`)))));
    const results = sides.map(() => ({ encode: [] as number[], decode: [] as number[], chars: 0 }));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, codec] of codecs.entries()) {
        const { encode, decode, chars } = await codec.round();
        if (round < WARM_UP) continue;
        results[i].encode.push(encode);
        results[i].decode.push(decode);
        results[i].chars = chars;
      }
    }
    await Promise.all(codecs.map((c) => c.close()));
    const lines = [`${ROUNDS - WARM_UP} rounds of ${CLAIMS} claims (registrations of ${PER_REGISTRATION}), interleaved; CPU per claim, median (least)`];
    lines.push('| codec | encode µs | read µs | sealed claim, characters of data |', '| --- | ---: | ---: | ---: |');
    for (const [i, [name]] of sides.entries()) {
      const r = results[i];
      lines.push(
        `| ${name} | ${median(r.encode).toFixed(1)} (${Math.min(...r.encode).toFixed(1)}) | ${median(r.decode).toFixed(1)} (${Math.min(...r.decode).toFixed(1)}) | ${r.chars.toFixed(0)} |`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
