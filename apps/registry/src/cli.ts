import { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { ProjectionRunner } from '@registry/event-store';
import { KEYRING, RegistryConfig } from '@registry/platform';
import { DataKeyStore, ErasureFinalizer, Keyring, RetentionJob } from '@registry/privacy';
import { AppModule } from './app.module';

type Command = (context: INestApplicationContext, args: string[]) => Promise<number>;

const COMMANDS: Record<string, { usage: string; run: Command }> = {
  projections: { usage: 'projections', run: showProjections },
  rebuild: { usage: 'rebuild <projection>', run: rebuild },
  'apply-retention': { usage: 'apply-retention [--dry-run]', run: applyRetention },
  'rotate-master-key': { usage: 'rotate-master-key', run: rotateMasterKey },
  'finalize-erasures': { usage: 'finalize-erasures [--vacuum]', run: finalizeErasures },
};

const print = (text: string) => process.stdout.write(`${text}\n`);

/** Operator commands that run against the configured database without serving HTTP. */
export async function runCli(command: string, args: string[], config: RegistryConfig, logger: LoggerService): Promise<number> {
  const entry = COMMANDS[command];
  if (!entry) {
    process.stderr.write(`usage: registry [serve] | ${Object.values(COMMANDS).map((c) => c.usage).join(' | ')}\n`);
    return 2;
  }
  const context = await NestFactory.createApplicationContext(
    AppModule.forRoot({ ...config, role: 'api', bootstrapKeys: false, retentionIntervalHours: 0, erasureFinalizeIntervalHours: 0 }),
    { logger },
  );
  try {
    return await entry.run(context, args);
  } finally {
    await context.close();
  }
}

async function showProjections(context: INestApplicationContext): Promise<number> {
  print(JSON.stringify(await context.get(ProjectionRunner).status(), null, 2));
  return 0;
}

async function rebuild(context: INestApplicationContext, [name]: string[]): Promise<number> {
  const runner = context.get(ProjectionRunner);
  if (!name || !runner.names().includes(name)) {
    process.stderr.write(`rebuild needs one of: ${runner.names().join(', ')}\n`);
    return 2;
  }
  const started = Date.now();
  const applied = await runner.rebuild(name);
  print(`${name}: rebuilt from ${applied} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}

async function applyRetention(context: INestApplicationContext, args: string[]): Promise<number> {
  await context.get(ProjectionRunner).catchUp('personal-data-index');
  print(JSON.stringify(await context.get(RetentionJob).apply(new Date(), args.includes('--dry-run')), null, 2));
  return 0;
}

/**
 * With a key file: adds a new master key, re-wraps every data key under it, then drops the old
 * ones from the file. With keys from the environment: set the new REGISTRY_MASTER_KEY and the old
 * one in REGISTRY_PREVIOUS_MASTER_KEYS, run this, then remove the old one.
 */
async function rotateMasterKey(context: INestApplicationContext): Promise<number> {
  const keyring = context.get<Keyring>(KEYRING);
  const keys = context.get(DataKeyStore);
  if (keyring.file) {
    const { masterKeyId, rewrapped } = await keys.rotateMasterKey();
    print(`re-wrapped ${rewrapped} data keys under ${masterKeyId}; ${keyring.file} now holds only the new master key`);
    return 0;
  }
  const rewrapped = await keys.rewrapAll(keyring);
  print(`re-wrapped ${rewrapped} data keys under ${keyring.masterKeys[0].id}; remove the previous master keys from the environment`);
  return 0;
}

async function finalizeErasures(context: INestApplicationContext, args: string[]): Promise<number> {
  print(JSON.stringify(await context.get(ErasureFinalizer).finalize({ vacuum: args.includes('--vacuum') }), null, 2));
  return 0;
}
