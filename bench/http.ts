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

export async function measure(
  name: string,
  url: string,
  opts: { connections: number; seconds: number },
): Promise<HttpFigures> {
  const result = await autocannon({ url, connections: opts.connections, duration: opts.seconds });
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
