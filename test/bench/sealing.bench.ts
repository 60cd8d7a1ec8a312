/**
 * CPU of the personal-data codec on the registration path: encoding (a data key made and wrapped
 * per claim, the subject sealed) and decoding (keys from the cache, the subject opened), per claim,
 * with the bytes the sealed claim takes in the events table.
 *
 * `npx ts-node --transpile-only -r tsconfig-paths/register test/bench/sealing.bench.ts`
 * (BENCH_CLAIMS: claims encoded, default 50,000, in registrations of 5).
 */
import { SqlDatabase, StoredEvent, eventStoreMigrations, timeOrderedId } from '@registry/event-store';
import { DataKeyStore, PersonalDataCodec, newMasterKey, privacyMigrations } from '@registry/privacy';
import { registrationPersonalFields } from '@registry/registration/personal-fields';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 50_000);
const PER_REGISTRATION = 5;

const subject = (i: number) => ({
  kind: 'person',
  fullName: { original: `Nguyễn Văn Người ${i}`, folded: `nguyen van nguoi ${i}` },
  nationalId: String(1_089_000_000 + i).padStart(12, '0'),
  phone: `+8491${String(i).padStart(7, '0')}`,
});

const claim = (i: number) => ({
  id: timeOrderedId(),
  type: 'ClaimAdded',
  data: {
    claimId: `c${i % PER_REGISTRATION}`,
    role: 'declared_owner',
    subject: subject(i),
    verification: { method: 'none', verifiedAt: null, reference: null },
    assertedBy: 'bench',
    validFrom: null,
    validTo: null,
  },
  metadata: { correlationId: 'bench', causationId: null, principal: 'bench' },
});

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sealing-bench-'));
  const db = await SqlDatabase.open({ dialect: 'sqlite', file: join(dir, 'registry.sqlite') }, { migrations: [...eventStoreMigrations, ...privacyMigrations] });
  try {
    const codec = new PersonalDataCodec(
      new DataKeyStore(db, { masterKeys: [newMasterKey()], indexKey: randomBytes(32), file: null }),
      registrationPersonalFields,
    );
    const registrations = Array.from({ length: CLAIMS / PER_REGISTRATION }, (_, r) => ({
      stream: `shop-bench:s${r}`,
      events: Array.from({ length: PER_REGISTRATION }, (_, c) => claim(r * PER_REGISTRATION + c)),
    }));
    const encoded: StoredEvent[] = [];
    let encodeCpu = 0;
    await db.write(async (tx) => {
      const start = process.cpuUsage();
      for (const registration of registrations) {
        const [{ stream, events }] = await codec.encode(tx, [registration]);
        for (const [i, event] of events.entries())
          encoded.push({
            ...event,
            stream,
            version: i + 2,
            position: encoded.length + 1,
            recordedAt: new Date().toISOString(),
            schemaVersion: 1,
          } as StoredEvent);
      }
      const used = process.cpuUsage(start);
      encodeCpu = used.user + used.system;
    });
    const start = process.cpuUsage();
    for (let i = 0; i < encoded.length; i += 100) await codec.decode(encoded.slice(i, i + 100));
    const used = process.cpuUsage(start);
    const decodeCpu = used.user + used.system;
    const bytes = encoded.reduce((sum, e) => sum + Buffer.byteLength(JSON.stringify(e.data)), 0);
    const clear = registrations.reduce((sum, r) => sum + r.events.reduce((s, e) => s + Buffer.byteLength(JSON.stringify(e.data)), 0), 0);
    process.stdout.write(
      [
        `claims: ${CLAIMS} in registrations of ${PER_REGISTRATION}`,
        `encode CPU per claim: ${(encodeCpu / CLAIMS).toFixed(1)} µs (key made and wrapped, subject sealed, keys inserted)`,
        `decode CPU per claim: ${(decodeCpu / CLAIMS).toFixed(1)} µs (keys cached, batches of 100)`,
        `event data per claim: ${(bytes / CLAIMS).toFixed(0)} bytes sealed, ${(clear / CLAIMS).toFixed(0)} in clear`,
        '',
      ].join('\n'),
    );
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
