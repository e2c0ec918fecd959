// The HTTP server Fastify listens with: node:http's, as Fastify would make it, with one addition —
// a front handler that may answer a request before Fastify routes it (the portal answers public
// pages it has already rendered: see portal/cached-fast-path.ts). Whatever the front handler does
// not answer goes to Fastify unchanged. app.inject() never passes here (it calls Fastify's handler).
// With its own server Fastify listens on one address: HOST=localhost is then 127.0.0.1 or ::1, not
// both (the default 0.0.0.0, or an explicit address, is unaffected).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { FastifyServerFactory } from 'fastify';

/**
 * Answers the request and returns true, or leaves it untouched and returns false. It must not
 * throw: the server's request listener has no one to hand an error to.
 */
export type FrontHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** A server factory whose front handler is looked up per request (the app that sets it is built after the server). */
export function serverWithFront(front: () => FrontHandler | undefined): FastifyServerFactory {
  return (handler, options) => {
    const num = (key: string): number | undefined =>
      typeof options[key] === 'number' ? options[key] : undefined;
    const server = createServer((req, res) => {
      if (front()?.(req, res)) return;
      handler(req, res);
    });
    // What Fastify's own factory sets (fastify/lib/server.js, getServerInstance).
    const keepAlive = num('keepAliveTimeout');
    const requestTimeout = num('requestTimeout');
    const connectionTimeout = num('connectionTimeout');
    const perSocket = num('maxRequestsPerSocket');
    if (keepAlive !== undefined) server.keepAliveTimeout = keepAlive;
    if (requestTimeout !== undefined) server.requestTimeout = requestTimeout;
    if (connectionTimeout !== undefined) server.setTimeout(connectionTimeout);
    if (perSocket !== undefined && perSocket > 0) server.maxRequestsPerSocket = perSocket;
    return server;
  };
}
