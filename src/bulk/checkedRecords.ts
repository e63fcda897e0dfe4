import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startSourceWorker } from '../sourceWorker';
import type { RecordKind } from '../contract/ingestBatch';
import { listRecordFiles, RecordFileError, undecodedRecords, type RecordFile, type UndecodedRecord } from './recordFiles';
import { checkRecords, type CheckedRecord, type CheckRequest, type Encoding } from './recordChecks';

/**
 * The records at a path, checked (recordChecks.ts) on worker threads in batches and handed
 * back in input order, so that whatever consumes them sees exactly what one thread
 * checking them one after another would. The reading thread only splits the files into
 * records; with no workers it checks them itself.
 */

export interface CheckedBatch {
  kind: RecordKind;
  file: string;
  records: CheckedRecord[];
}

export interface CheckOptions {
  encoding: Encoding;
  /** Kinds whose accepted records must come back parsed. */
  withData: (kind: RecordKind) => boolean;
  /** Worker threads; 0 checks on the calling thread. */
  workers: number;
}

/** Records per message: large enough that a message's fixed cost is small, small enough to keep both sides busy. */
const BATCH = 1000;
/** Batches under way per worker: the reader stays ahead without holding the files in memory. */
const AHEAD = 4;
/** A worker holds a few batches and the contract's code: its heap stays small, whatever the input's size. */
const WORKER_HEAP_MB = 1024;
/** Below this much input, starting threads (about half a second each) costs more than it saves. */
const WORKERS_FROM_BYTES = 16 << 20;

/** As many workers as cores (at most 4), for input large enough to pay for them; 0 otherwise. */
export async function defaultCheckWorkers(files: readonly RecordFile[]): Promise<number> {
  let bytes = 0;
  for (const { file } of files) bytes += (await stat(file)).size;
  return bytes < WORKERS_FROM_BYTES ? 0 : Math.min(4, availableParallelism());
}

interface Checkers {
  check(request: CheckRequest): Promise<CheckedRecord[]>;
  close(): Promise<void>;
}

const inThread: Checkers = { check: async (request) => checkRecords(request), close: async () => {} };

type Reply = { index: number; checked: CheckedRecord[] } | { index: number; error: string };

function startCheckWorkers(count: number): Checkers {
  const workers = Array.from({ length: count }, () => startSourceWorker(__filename, { recordChecks: true }, WORKER_HEAP_MB));
  const waiting = new Map<number, { resolve: (c: CheckedRecord[]) => void; reject: (e: Error) => void }>();
  const failAll = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
  };
  let closing = false;
  for (const worker of workers) {
    worker.on('message', (reply: Reply) => {
      const pending = waiting.get(reply.index);
      waiting.delete(reply.index);
      if ('error' in reply) pending?.reject(new Error(reply.error));
      else pending?.resolve(reply.checked);
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => closing || failAll(new Error(`a record-checking worker stopped unexpectedly (exit code ${code})`)));
  }
  let next = 0;
  return {
    check(request) {
      const index = next++;
      return new Promise((resolve, reject) => {
        waiting.set(index, { resolve, reject });
        workers[index % count]!.postMessage({ index, request });
      });
    },
    async close() {
      closing = true;
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/**
 * Every record at `path`, checked, batch by batch in input order. A file that cannot be
 * read on (a CSV syntax error) ends the batches with an unreadable record, as does an
 * NDJSON line that is not JSON; what follows it is not read.
 */
export async function* checkedRecords(path: string, options: CheckOptions): AsyncGenerator<CheckedBatch> {
  const files = await listRecordFiles(path);
  const checkers = options.workers > 0 ? startCheckWorkers(options.workers) : inThread;
  const inFlight: { kind: RecordKind; file: string; checked: Promise<CheckedRecord[]> }[] = [];
  const nextDone = async (): Promise<CheckedBatch> => {
    const { kind, file, checked } = inFlight.shift()!;
    return { kind, file, records: await checked };
  };
  const ends = (batch: CheckedBatch) => 'unreadable' in (batch.records.at(-1) ?? {});
  try {
    for (const recordFile of files) {
      const { kind, file } = recordFile;
      let batch: UndecodedRecord[] = [];
      const send = () => {
        const checked = checkers.check({ kind, file, encoding: options.encoding, withData: options.withData(kind), records: batch });
        checked.catch(() => {}); // awaited in order below; a consumer that stops early leaves some unawaited
        inFlight.push({ kind, file, checked });
        batch = [];
      };
      try {
        for await (const record of undecodedRecords(recordFile)) {
          batch.push(record);
          if (batch.length < BATCH) continue;
          send();
          while (inFlight.length >= AHEAD * Math.max(1, options.workers)) {
            const done = await nextDone();
            yield done;
            if (ends(done)) return;
          }
        }
      } catch (error) {
        if (!(error instanceof RecordFileError)) throw error;
        if (batch.length > 0) send();
        inFlight.push({ kind, file, checked: Promise.resolve([{ line: error.line, unreadable: error.reason }]) });
        break;
      }
      if (batch.length > 0) send();
    }
    while (inFlight.length > 0) {
      const done = await nextDone();
      yield done;
      if (ends(done)) return;
    }
  } finally {
    await checkers.close();
  }
}

function workerMain(): void {
  const port = parentPort!;
  port.on('message', ({ index, request }: { index: number; request: CheckRequest }) => {
    try {
      port.postMessage({ index, checked: checkRecords(request) } satisfies Reply);
    } catch (error) {
      port.postMessage({ index, error: (error as Error).message } satisfies Reply);
    }
  });
}

if (!isMainThread && (workerData as { recordChecks?: boolean } | null)?.recordChecks) workerMain();
