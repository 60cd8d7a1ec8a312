import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Processor } from '@registry/event-store';
import { KEYRING, configFromEnv, createLogger } from '@registry/platform';
import { DataKeyStore, ErasureFinalizer, Keyring, RetentionJob } from '@registry/privacy';
import { Logger } from 'nestjs-pino';
import { DestinationStream } from 'pino';
import { AppModule } from './app.module';

/** A command answers its result (printed as JSON) or a usage error (printed to stderr, exit 2). */
type Outcome = { readonly result: unknown } | { readonly usage: string };
type Command = (context: INestApplicationContext, args: string[]) => Promise<Outcome>;

const COMMANDS: Record<string, { usage: string; summary: string; run: Command }> = {
  projections: { usage: 'projections', summary: 'checkpoint, head and lag of every projection', run: showProjections },
  rebuild: { usage: 'rebuild <projection>', summary: 'empty a read model and rebuild it from position 0', run: rebuild },
  'apply-retention': { usage: 'apply-retention [--dry-run]', summary: 'erase what the retention policy says is due, and report it', run: applyRetention },
  'rotate-master-key': { usage: 'rotate-master-key', summary: 're-wrap every data key under a new master key', run: rotateMasterKey },
  'finalize-erasures': {
    usage: 'finalize-erasures [--vacuum]',
    summary: 'make erasures final: a new master key, the one that wrapped erased keys destroyed',
    run: finalizeErasures,
  },
};

/** Where the CLI writes: the result alone on stdout, so it can be piped into a JSON tool; logs on stderr. */
export interface CliOutput {
  readonly result: (text: string) => void;
  readonly usage: (text: string) => void;
  readonly log: DestinationStream | 2;
}

const PROCESS_OUTPUT: CliOutput = {
  result: (text) => process.stdout.write(text),
  usage: (text) => process.stderr.write(text),
  log: 2,
};

export function cliHelp(): string {
  const width = Math.max(...Object.values(COMMANDS).map((c) => c.usage.length));
  const lines = Object.values(COMMANDS).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return ['usage: registry [serve] | registry <command>', '', 'commands (results as JSON on stdout, logs on stderr):', ...lines, ''].join('\n');
}

/** Operator commands that run against the configured database without serving HTTP; returns the exit code. */
export async function runCli(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, output: CliOutput = PROCESS_OUTPUT): Promise<number> {
  if (['--help', '-h', 'help'].includes(command)) {
    output.result(cliHelp());
    return 0;
  }
  const entry = COMMANDS[command];
  if (!entry) {
    output.usage(`unknown command: ${command}\n${cliHelp()}`);
    return 2;
  }
  const config = configFromEnv(env);
  const context = await NestFactory.createApplicationContext(
    AppModule.forRoot(
      { ...config, role: 'api', bootstrapKeys: false, retentionIntervalHours: 0, erasureFinalizeIntervalHours: 0 },
      createLogger(config.logLevel, output.log),
    ),
    { bufferLogs: true },
  );
  context.useLogger(context.get(Logger));
  context.flushLogs();
  try {
    const outcome = await entry.run(context, args);
    if ('usage' in outcome) {
      output.usage(`${outcome.usage}\n`);
      return 2;
    }
    output.result(`${JSON.stringify(outcome.result, null, 2)}\n`);
    return 0;
  } finally {
    await context.close();
  }
}

async function showProjections(context: INestApplicationContext): Promise<Outcome> {
  return { result: await context.get(Processor).status() };
}

async function rebuild(context: INestApplicationContext, [name]: string[]): Promise<Outcome> {
  const runner = context.get(Processor);
  if (!name || !runner.names().includes(name)) return { usage: `rebuild needs one of: ${runner.names().join(', ')}` };
  const started = Date.now();
  const applied = await runner.rebuild(name);
  return { result: { projection: name, applied, seconds: (Date.now() - started) / 1000 } };
}

async function applyRetention(context: INestApplicationContext, args: string[]): Promise<Outcome> {
  await context.get(Processor).catchUp('personal-data-index');
  return { result: await context.get(RetentionJob).apply(new Date(), args.includes('--dry-run')) };
}

/**
 * With a key file: adds a new master key, re-wraps every data key under it, then drops the old
 * ones from the file. With keys from the environment: set the new REGISTRY_MASTER_KEY and the old
 * one in REGISTRY_PREVIOUS_MASTER_KEYS, run this, then remove the old one.
 */
async function rotateMasterKey(context: INestApplicationContext): Promise<Outcome> {
  const keyring = context.get<Keyring>(KEYRING);
  const keys = context.get(DataKeyStore);
  if (keyring.file) {
    const { masterKeyId, rewrapped } = await keys.rotateMasterKey();
    return { result: { rewrapped, masterKeyId, keyFile: keyring.file, next: 'the key file now holds only the new master key' } };
  }
  const rewrapped = await keys.rewrapAll(keyring);
  return { result: { rewrapped, masterKeyId: keyring.masterKeys[0].id, keyFile: null, next: 'remove the previous master keys from the environment' } };
}

async function finalizeErasures(context: INestApplicationContext, args: string[]): Promise<Outcome> {
  return { result: await context.get(ErasureFinalizer).finalize({ vacuum: args.includes('--vacuum') }) };
}
