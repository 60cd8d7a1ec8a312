import { Worker } from 'node:worker_threads';

/** How often the worker copies what the WAL gained into the database file. */
const CHECKPOINT_EVERY_MS = 500;

/**
 * The worker: a connection of its own to the file, and a PASSIVE checkpoint (it takes no lock that
 * a reader or the writer waits for) every interval. With nothing new in the WAL it copies and syncs
 * nothing. It closes its connection before it ends, so that none of its locks outlive it.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ failed: String((error && error.message) || error) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * WAL checkpoints of an embedded database, on a worker thread. A checkpoint copies every page the
 * WAL gained into the database file and syncs it; SQLite runs one in the commit that grows the WAL
 * past `wal_autocheckpoint`, on the thread that commits, which in this service is the one that also
 * answers requests. At 200,000 shops one such COMMIT took 0.9 s while new claims were registered.
 * Here the worker checkpoints every CHECKPOINT_EVERY_MS; the writer's own checkpoint stays as a
 * backstop (at a larger WAL, see sql-database.ts), and then finds little left to copy.
 */
export class WalCheckpointer {
  private constructor(
    private readonly worker: Worker,
    private readonly exited: Promise<void>,
  ) {}

  /** Starts the worker on the file; `failed` hears of a checkpoint that failed (it tries again at the next). */
  static start(file: string, failed: (message: string) => void): WalCheckpointer {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, driver: require.resolve('better-sqlite3'), everyMs: CHECKPOINT_EVERY_MS },
    });
    worker.on('message', (message: { failed?: string }) => {
      if (message.failed) failed(message.failed);
    });
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.on('error', (error) => failed(error.message));
    worker.unref();
    return new WalCheckpointer(worker, exited);
  }

  /**
   * Stops the checkpoints: the worker closes its connection, then ends. The worker holds the event
   * loop meanwhile: unreferenced, a process with nothing else left to do ended before the exit
   * came, and whatever awaited `stop` (the rest of closing the database) never ran.
   */
  async stop(): Promise<void> {
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
  }
}
