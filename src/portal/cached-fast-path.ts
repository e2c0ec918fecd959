// Public pages already in the render cache are answered before Fastify routes the request: a GET
// whose URL (and 长者模式 cookie) has a live entry gets that entry's bytes with exactly the headers
// the route would send (caching headers, security headers; 304 when the client's copy is current).
// Routing, hooks, schema validation and the reply machinery cost several times what writing the
// page costs, and a page everyone reloads is exactly the one in the cache.
//
// Why this is the same answer the route gives: the cache holds only what sendCachedResponse stored,
// under the request's raw URL and 长者模式, for routes whose permission is 'public' and whose
// output depends on nothing else (public pages never read the session or set cookies). Every
// other request — a miss, HEAD, any other method, a server that is closing (Fastify answers 503)
// — goes to Fastify unchanged. app.inject() never comes here, so tests of the pages' content go
// through the routes; portal.fast-path.test.ts compares the two answers over real HTTP.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App } from '../http/app-types.js';
import { prefersElderMode } from '../http/cookies.js';
import { nextRequestId } from '../http/request-id.js';
import type { FrontHandler } from '../http/server-factory.js';
import { securityHeaders } from '../http/security-headers.js';
import { cacheOf, cachedAnswer } from './portal.cached-page.js';
import { cacheKey, type RenderCache } from './render-cache.js';

const INFO_ENABLED = new Set(['trace', 'debug', 'info']);

/** Requests this app answered from the cache before routing (read by tests). */
const served = new WeakMap<App, number>();

export function fastPathServed(app: App): number {
  return served.get(app) ?? 0;
}

/** The front handler for `app`'s server (see http/server-factory.ts). */
export function cachedPageFrontHandler(app: App): FrontHandler {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  const cache = cacheOf(app);
  return (req, res) => {
    try {
      return serveCachedPage(app, cache, req, res, closing);
    } catch (err) {
      // Never the end of the process: the route answers instead, unless the answer had begun.
      app.log.error({ err }, 'answering a cached page before routing failed');
      if (!res.headersSent) {
        for (const name of res.getHeaderNames()) res.removeHeader(name);
        res.statusCode = 200;
        return false;
      }
      res.destroy();
      return true;
    }
  };
}

function serveCachedPage(
  app: App,
  cache: RenderCache,
  req: IncomingMessage,
  res: ServerResponse,
  closing: boolean,
): boolean {
  if (req.method !== 'GET' || req.url === undefined || closing) return false;
  const started = process.hrtime.bigint();
  const cookies = req.headers.cookie;
  const elder = cookies !== undefined && prefersElderMode(app.parseCookie(cookies));
  const page = cache.getHit(cacheKey(req.url, elder));
  if (!page) return false;
  const answer = cachedAnswer(req.headers, page);
  res.statusCode = answer.status;
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  if (answer.notModified) {
    for (const [name, value] of securityHeaders('')) res.setHeader(name, value);
    res.end();
  } else {
    res.setHeader('content-type', page.contentType);
    for (const [name, value] of securityHeaders(page.contentType)) res.setHeader(name, value);
    res.setHeader('content-length', page.body.length);
    res.end(page.body);
  }
  served.set(app, (served.get(app) ?? 0) + 1);
  if (INFO_ENABLED.has(app.log.level)) logServed(app, req, res.statusCode, started);
  return true;
}

/** The line Fastify logs for a completed request (its own logging never sees these requests). */
function logServed(app: App, req: IncomingMessage, statusCode: number, started: bigint): void {
  const forwarded = req.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  app.log.info(
    {
      reqId: nextRequestId(),
      // Without the query string, as every request is logged (server.ts): it can carry a 查询码.
      req: { method: req.method, url: (req.url ?? '').split('?')[0], ip: first || req.socket.remoteAddress },
      res: { statusCode },
      responseTime: Number(process.hrtime.bigint() - started) / 1e6,
      fromRenderCache: true,
    },
    'request completed',
  );
}
