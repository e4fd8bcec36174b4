import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { apiMessage, englishMessage, type ApiMessage } from '../../shared/api/api-messages.ts';
import { findUnsafeCharacter, unsafeCharacterMessage } from '../../shared/text-safety.ts';
import { ApiError } from './errors.ts';

/**
 * Why a request URL cannot be served, or null when it can (pure). Every path
 * segment and query name and value is percent-decoded: an invalid encoding,
 * or a decoded control character, line break or bidi override (NUL above
 * all, which PostgreSQL cannot store) is refused before any route sees it.
 */
export function unsafeUrlIssue(url: string): ApiMessage | null {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? '' : url.slice(queryAt + 1);
  const parts = [
    ...path.split('/').map((segment) => ({ where: 'path', raw: segment })),
    ...query.split(/[&=]/).map((piece) => ({ where: 'query', raw: piece.replace(/\+/g, ' ') })),
  ];
  for (const { where, raw } of parts) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return apiMessage('errors.api.urlEncoding', { where });
    }
    const found = findUnsafeCharacter(decoded, 'single-line');
    if (found) {
      return apiMessage('errors.api.urlUnsafe', {
        where,
        detail: unsafeCharacterMessage(found),
        codePoint: found.codePoint,
      });
    }
  }
  return null;
}

/** Express middleware: 400 with the error shape for a URL `unsafeUrlIssue` refuses. */
export function refuseUnsafeUrls() {
  return (req: Request, _res: Response, next: NextFunction) => {
    const issue = unsafeUrlIssue(req.originalUrl);
    next(issue ? new ApiError('BAD_REQUEST', issue) : undefined);
  };
}

/*
 * Outgoing destinations (webhooks, issue 16): Montage must not be made to
 * reach its own network (SSRF). A destination is refused when it is not
 * http(s), carries credentials, or names or resolves to a special-purpose
 * address: private, loopback, link-local, shared (CGNAT), documentation,
 * benchmarking, multicast, reserved, or an IPv6 form that tunnels to one.
 */
const SPECIAL_PURPOSE = new BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  SPECIAL_PURPOSE.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  SPECIAL_PURPOSE.addSubnet(prefix, bits, 'ipv6');
}
// IPv4-mapped IPv6 addresses (::ffff:127.0.0.1, ::ffff:7f00:1) need no rule of their own:
// BlockList checks them against the IPv4 rules (server/http/safe-url.test.ts).

/** Whether an IP address is special-purpose (not a public unicast address) (pure). */
export function isSpecialPurposeAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return SPECIAL_PURPOSE.check(address, 'ipv4');
  if (family === 6) return SPECIAL_PURPOSE.check(address, 'ipv6');
  return true; // not an address at all: never a safe destination
}

/** The host of a URL without IPv6 brackets. */
const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Why an outgoing destination URL is refused before any lookup, or null
 * (pure): the scheme, credentials, and a literal special-purpose address
 * unless `allowPrivate`.
 */
export function destinationIssue(raw: string, allowPrivate: boolean): ApiMessage | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return apiMessage('errors.api.destinationInvalid');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return apiMessage('errors.api.destinationScheme', { scheme: url.protocol.replace(/:$/, '') });
  if (url.username || url.password) return apiMessage('errors.api.destinationCredentials');
  const host = bareHost(url);
  if (!allowPrivate && isIP(host) && isSpecialPurposeAddress(host))
    return apiMessage('errors.api.destinationPrivate', { address: host });
  return null;
}

export type LookupAll = (host: string) => Promise<{ address: string; family: number }[]>;

const lookupAll: LookupAll = (host) => dnsLookup(host, { all: true, verbatim: true });

/** An outgoing destination refused (422, the error shape naming why). */
export class DestinationRefused extends ApiError {
  constructor(message: ApiMessage) {
    super('VALIDATION_FAILED', message, { fields: { url: englishMessage(message) } });
  }
}

/**
 * Checks a destination and resolves its host; the answer is the one address
 * to connect to (the first the resolver gave). Every resolved address must
 * be public unless `allowPrivate`: a name that resolves to several, one of
 * them private, is refused. Throws DestinationRefused.
 */
export async function resolveDestination(
  raw: string,
  allowPrivate: boolean,
  lookup: LookupAll = lookupAll,
): Promise<{ url: URL; address: string; family: 4 | 6 }> {
  const issue = destinationIssue(raw, allowPrivate);
  if (issue) throw new DestinationRefused(issue);
  const url = new URL(raw);
  const host = bareHost(url);
  const literal = isIP(host);
  let addresses: { address: string; family: number }[];
  if (literal) addresses = [{ address: host, family: literal }];
  else {
    try {
      addresses = await lookup(host);
    } catch {
      throw new DestinationRefused(apiMessage('errors.api.destinationUnresolved', { host }));
    }
  }
  if (!addresses.length)
    throw new DestinationRefused(apiMessage('errors.api.destinationUnresolved', { host }));
  if (!allowPrivate) {
    const special = addresses.find((a) => isSpecialPurposeAddress(a.address));
    if (special)
      throw new DestinationRefused(
        apiMessage('errors.api.destinationPrivate', { address: special.address }),
      );
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/**
 * A `lookup` for an HTTP request that answers only the address already
 * checked: the connection goes where the check looked (no DNS rebinding
 * between the check and the connect).
 */
export function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: PinnedCallback) => {
    if (options?.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  }) as unknown as LookupFunction;
}

type PinnedCallback = (
  err: Error | null,
  address: string | { address: string; family: number }[],
  family?: number,
) => void;
