// Request ids for the log: Fastify's (genReqId) and the ones of pages answered before routing
// (portal/cached-fast-path.ts) come from this one counter, so no two lines of one process share an
// id. The form is Fastify's own default: 'req-' and a base-36 counter.
let last = 0;

export function nextRequestId(): string {
  last = (last + 1) & 0x7fffffff; // as Fastify's own, wrapping at 2^31
  return `req-${last.toString(36)}`;
}
