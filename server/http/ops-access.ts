import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Request } from 'express';
import { clientAddress } from './client-address.ts';
import { ApiError } from './errors.ts';

/** Whether a caller may read the operators' view (`/metrics`, `/readyz` details), and if not why. */
export type OpsAccess = 'granted' | 'no-credentials' | 'wrong-token';

/**
 * Who may read what operators read (pure). With METRICS_TOKEN set, only a
 * caller presenting it (`Authorization: Bearer …`); without one, only a
 * caller on this machine (a loopback address): a scraper beside the server.
 */
export function opsAccess(caller: {
  authorization: string | undefined;
  address: string;
  metricsToken: string | undefined;
}): OpsAccess {
  const { authorization, address, metricsToken } = caller;
  if (!metricsToken) return isLoopback(address) ? 'granted' : 'no-credentials';
  if (!authorization?.startsWith('Bearer ')) return 'no-credentials';
  return sameSecret(authorization.slice(7).trim(), metricsToken) ? 'granted' : 'wrong-token';
}

/** 127.0.0.0/8, ::1, and IPv4 loopback written as IPv6 (`::ffff:127.0.0.1`). */
export function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
}

/** Compares digests, so the time taken tells nothing about the token. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** `opsAccess` for an Express request: the client address honours `trust proxy` (ADR 0005). */
export function requestOpsAccess(
  req: Request,
  config: { metricsToken: string | undefined; trustProxy: number },
): OpsAccess {
  return opsAccess({
    authorization: req.get('authorization'),
    address: clientAddress(req, config.trustProxy),
    metricsToken: config.metricsToken,
  });
}

/** The refusal for a caller `opsAccess` did not grant: 401 without credentials, 403 with a wrong token. */
export function opsRefusal(access: Exclude<OpsAccess, 'granted'>): ApiError {
  return access === 'wrong-token'
    ? new ApiError('FORBIDDEN', 'errors.api.metricsTokenInvalid')
    : new ApiError('UNAUTHENTICATED', 'errors.api.metricsTokenRequired');
}
