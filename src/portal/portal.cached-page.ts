// Public pages with HTTP caching: every page goes through the render cache (keyed by URL and
// 长者模式), carries a strong ETag, Last-Modified, `Cache-Control: public, max-age=…` and
// `Vary: Cookie` (the 长者模式 cookie changes the page), and a conditional request answers 304.
// Public pages never set cookies, so a shared cache (CDN, nginx) may keep them.
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.js';
import type { SafeHtml } from '../http/html.js';
import { publicLayout } from '../http/layout.js';
import { publicContext } from '../http/page.js';
import {
  PUBLIC_MAX_AGE_SECONDS,
  cacheKey,
  publicCacheGeneration,
  renderCacheFor,
  strongEtag,
  type CachedPage,
  type RenderCache,
} from './render-cache.js';

export interface PublicPage {
  title: string;
  body: SafeHtml;
  headExtra?: SafeHtml;
  breadcrumbs?: readonly { href: string; label: string }[];
  /** 200 unless said otherwise (a withdrawn item answers 410). */
  status?: number;
  /** Bytes (UTF-8 HTML) that take the place of BODY_BYTES_MARKER in the body. */
  bodyBytes?: Buffer | undefined;
  /** Names bodyBytes in the ETag instead of their hash (see CacheableResponse). */
  bodyBytesName?: string | undefined;
}

/** Any body sent with the caching headers (pages, feeds, sitemaps). */
export interface CacheableResponse {
  body: string;
  contentType: string;
  status?: number;
  /** Bytes that take the place of BODY_BYTES_MARKER in `body` (its first occurrence). */
  bodyBytes?: Buffer | undefined;
  /**
   * A name that changes whenever bodyBytes change (for an item page, PublicItemPage.bodyRevision).
   * The ETag then hashes this name and the page around the body, not the body itself: SHA-1 over
   * a 30 KB body was 7 % of an uncached item page's CPU.
   */
  bodyBytesName?: string | undefined;
}

/**
 * Where a page puts HTML it has as bytes, not as a string: an item's body read from SQLite is sent
 * as stored, never decoded into a string and encoded back (together 20 % of an uncached item
 * page's cost). The first occurrence is the page's own: a title or text containing it is escaped.
 */
export const BODY_BYTES_MARKER = '<!--gk:body-bytes-->';

/** The page's bytes and their strong ETag. */
function encodePage(out: CacheableResponse): { body: Buffer; etag: string } {
  if (!out.bodyBytes) {
    const body = Buffer.from(out.body, 'utf8');
    return { body, etag: strongEtag(body) };
  }
  const at = out.body.indexOf(BODY_BYTES_MARKER);
  if (at < 0) throw new Error('page has bodyBytes but no BODY_BYTES_MARKER');
  // One allocation: the page's two parts are encoded straight into it around the body's bytes.
  const before = out.body.slice(0, at);
  const after = out.body.slice(at + BODY_BYTES_MARKER.length);
  const head = Buffer.byteLength(before, 'utf8');
  const tail = head + out.bodyBytes.length;
  const page = Buffer.allocUnsafe(tail + Buffer.byteLength(after, 'utf8'));
  page.write(before, 0, 'utf8');
  out.bodyBytes.copy(page, head);
  page.write(after, tail, 'utf8');
  if (out.bodyBytesName === undefined) return { body: page, etag: strongEtag(page) };
  return {
    body: page,
    etag: strongEtag([
      // The lengths first: they tell where each part ends, whatever bytes the parts hold.
      `${head} ${out.bodyBytes.length} ${Buffer.byteLength(out.bodyBytesName)} ${out.bodyBytesName}`,
      page.subarray(0, head),
      page.subarray(tail),
    ]),
  };
}

export const CACHE_CONTROL = `public, max-age=${PUBLIC_MAX_AGE_SECONDS}`;

/** This app's render cache (one per database handle). */
export function cacheOf(app: App): RenderCache {
  const maxBytes = app.ctx.config.renderCacheMb * 1024 * 1024;
  return renderCacheFor(app.ctx.db, {
    maxEntries: maxBytes > 0 ? 5000 : 0,
    maxBytes,
    ttlMs: PUBLIC_MAX_AGE_SECONDS * 1000,
  });
}

function isElder(app: App, request: FastifyRequest): boolean {
  return publicContext(app, request).elder;
}

/** Whether the client's copy is still good (If-None-Match first, then If-Modified-Since). */
export function notModified(
  headers: IncomingHttpHeaders,
  page: Pick<CachedPage, 'etag' | 'lastModified'>,
): boolean {
  const inm = headers['if-none-match'];
  if (inm !== undefined) {
    return inm
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === '*' || t === page.etag);
  }
  const ims = headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  const modified = Date.parse(page.lastModified);
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}

/**
 * How a cached page answers a request with these headers: its status (304 when the client's copy
 * is current) and the caching headers. The route (send) and the fast path before routing
 * (cached-fast-path.ts) both answer from this.
 */
export function cachedAnswer(
  requestHeaders: IncomingHttpHeaders,
  page: CachedPage,
): { status: number; notModified: boolean; headers: readonly (readonly [string, string])[] } {
  const current = page.status === 200 && notModified(requestHeaders, page);
  return {
    status: current ? 304 : page.status,
    notModified: current,
    headers: [
      ['etag', page.etag],
      ['last-modified', page.lastModified],
      ['cache-control', CACHE_CONTROL],
      ['vary', 'Cookie'],
    ],
  };
}

function send(request: FastifyRequest, reply: FastifyReply, page: CachedPage): FastifyReply {
  const answer = cachedAnswer(request.headers, page);
  for (const [name, value] of answer.headers) reply.header(name, value);
  if (answer.notModified) return reply.code(304).send();
  return reply.code(answer.status).type(page.contentType).send(page.body);
}

/**
 * Serves `request.url` from the render cache, or renders it with `render` (any AppError it throws
 * goes to the error handler, uncached) and keeps the result for the next visitor.
 */
export async function sendCachedResponse(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  render: () => Promise<CacheableResponse>,
): Promise<FastifyReply> {
  // The cache's pages are answered to anyone, before routing (cached-fast-path.ts).
  if (request.routeOptions.config.permission !== 'public')
    throw new Error(
      `${request.routeOptions.url ?? request.url}: only public routes may use the render cache`,
    );
  const cache = cacheOf(app);
  const key = cacheKey(request.url, isElder(app, request));
  const hit = cache.get(key);
  if (hit) return send(request, reply, hit);
  const generation = publicCacheGeneration();
  const out = await render();
  const { body, etag } = encodePage(out);
  const now = Date.now();
  const page: CachedPage = {
    status: out.status ?? 200,
    body,
    contentType: out.contentType,
    etag,
    lastModified: new Date(Math.floor(now / 1000) * 1000).toUTCString(),
    storedAt: now,
    generation,
  };
  if (page.status === 200 || page.status === 410) cache.set(key, page);
  return send(request, reply, page);
}

/** A public HTML page in the site's layout, cached and sent with the caching headers. */
export function sendCachedPublicPage(
  app: App,
  request: FastifyRequest,
  reply: FastifyReply,
  render: () => Promise<PublicPage>,
): Promise<FastifyReply> {
  return sendCachedResponse(app, request, reply, async () => {
    const page = await render();
    return {
      body: publicLayout(publicContext(app, request), page).value,
      contentType: 'text/html; charset=utf-8',
      status: page.status ?? 200,
      bodyBytes: page.bodyBytes,
      bodyBytesName: page.bodyBytesName,
    };
  });
}
