import type { CookieSerializeOptions } from '@fastify/cookie';
import type { Config } from '../config.js';

export const SESSION_COOKIE = 'gk_session';
export const ANON_COOKIE = 'gk_anon';
/** 长者模式 (large text, high contrast) preference. */
export const ELDER_COOKIE = 'gk_elder';

/** Whether these request cookies ask for 长者模式. */
export function prefersElderMode(cookies: Readonly<Record<string, string | undefined>>): boolean {
  return cookies[ELDER_COOKIE] === '1';
}

export function cookieOptions(config: Config, maxAgeSeconds?: number): CookieSerializeOptions {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
  };
}
