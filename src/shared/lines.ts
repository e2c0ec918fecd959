// The lines of a UTF-8 text file, read and decoded on a worker thread: for a bulk import, decoding
// a file of Chinese text costs as much as parsing its JSON, and that work can run on another core
// while the caller writes to the database. The worker reads 1 MB at a time, decodes each line once
// from the bytes between two newlines, and hands over about 2 MB of lines at a time, up to three
// batches ahead of the caller (so no more than about 8 MB of lines wait in memory). Yields each line
// without its "\n" or "\r\n", with the number of bytes read up to the end of it (for a progress bar).
import { Worker } from 'node:worker_threads';

const AHEAD = 3;

export interface Line {
  text: string;
  /** Bytes of the file up to and including this line's newline. */
  bytes: number;
}

interface Batch {
  lines: string[];
  ends: number[];
  done: boolean;
}

// Plain JavaScript, so the worker needs no TypeScript loader.
const READER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const CHUNK = 1 << 20, BATCH = 2 << 20, NL = 0x0a, CR = 0x0d;
const fd = fs.openSync(workerData.file, 'r');
const chunk = Buffer.allocUnsafe(CHUNK);
let carry = null, offset = 0, done = false;
const decode = (buf, start, end) => buf.toString('utf8', start, end > start && buf[end - 1] === CR ? end - 1 : end);
function next() {
  const lines = [], ends = [];
  if (done) return { lines, ends, done };
  let size = 0;
  while (size < BATCH && !done) {
    const n = fs.readSync(fd, chunk, 0, CHUNK, null);
    if (n === 0) {
      done = true;
      if (carry) { lines.push(decode(carry, 0, carry.length)); ends.push(offset + carry.length); }
      break;
    }
    const view = n < CHUNK ? chunk.subarray(0, n) : chunk;
    let start = 0;
    let nl = view.indexOf(NL);
    if (carry && nl >= 0) {
      const line = Buffer.concat([carry, view.subarray(0, nl + 1)]);
      lines.push(decode(line, 0, line.length - 1));
      offset += line.length;
      ends.push(offset);
      carry = null;
      start = nl + 1;
      nl = view.indexOf(NL, start);
    }
    for (; nl >= 0; nl = view.indexOf(NL, start)) {
      lines.push(decode(view, start, nl));
      offset += nl + 1 - start;
      ends.push(offset);
      start = nl + 1;
    }
    if (start < n) {
      const rest = Buffer.from(view.subarray(start));
      carry = carry ? Buffer.concat([carry, rest]) : rest;
    }
    size += n;
  }
  if (done) fs.closeSync(fd);
  return { lines, ends, done };
}
parentPort.on('message', () => parentPort.postMessage(next()));
`;

export async function* readLines(file: string): AsyncGenerator<Line> {
  const worker = new Worker(READER, { eval: true, workerData: { file } });
  const waiting: { resolve: (b: Batch) => void; reject: (e: unknown) => void }[] = [];
  worker.on('message', (b: Batch) => waiting.shift()?.resolve(b));
  worker.on('error', (err) => {
    for (const w of waiting.splice(0)) w.reject(err);
  });
  const request = () =>
    new Promise<Batch>((resolve, reject) => {
      waiting.push({ resolve, reject });
      worker.postMessage(null);
    });
  try {
    // Up to AHEAD batches requested ahead of the one being read, so that the caller (which writes
    // a few hundred lines per transaction) never waits for the file.
    const ahead: Promise<Batch>[] = [];
    for (let i = 0; i < AHEAD; i++) ahead.push(request());
    for (;;) {
      const batch = await ahead.shift();
      if (!batch) return;
      if (!batch.done) ahead.push(request());
      for (let i = 0; i < batch.lines.length; i++)
        yield { text: batch.lines[i] ?? '', bytes: batch.ends[i] ?? 0 };
      if (batch.done) return;
    }
  } finally {
    await worker.terminate();
  }
}
