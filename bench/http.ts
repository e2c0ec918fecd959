// Measures one URL with autocannon and returns the figures people paste into notes.
import autocannon from 'autocannon';

export interface HttpFigures {
  name: string;
  reqPerSec: number;
  /** Requests answered in the run. */
  requests: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/**
 * autocannon appends every response body to a string (pipelinedRequestsQueue.addBody: `body +=
 * data`), i.e. decodes it as UTF-8, though nothing here reads it. Decoding Chinese HTML costs the
 * client about three times what decoding ASCII does (measured: 0.06–0.08 against 0.02–0.03 ms per
 * 12 KB response), so the ceiling's ASCII buffer measured the client's ASCII fast path, not the
 * server. Without the decoding, the client's cost per response no longer depends on the characters.
 */
function skipBodyDecoding(client: object): void {
  const queue = (client as { pipelinedRequests?: { addBody?: unknown } }).pipelinedRequests;
  if (typeof queue?.addBody !== 'function')
    throw new Error('autocannon changed: pipelinedRequests.addBody is gone (bench/http.ts skipBodyDecoding)');
  queue.addBody = () => {};
}

export async function measure(
  name: string,
  url: string,
  opts: { connections: number; seconds: number },
): Promise<HttpFigures> {
  const result = await autocannon({
    url,
    connections: opts.connections,
    duration: opts.seconds,
    setupClient: skipBodyDecoding,
  });
  return {
    name,
    reqPerSec: Math.round(result.requests.average),
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

export function formatTable(title: string, rows: HttpFigures[]): string {
  const lines = [
    title,
    '| what | req/s | p50 ms | p99 ms | errors | non-2xx |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.name} | ${r.reqPerSec} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`),
  ];
  return lines.join('\n');
}
