import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { ownOrigin } from './same-origin.ts';

declare module 'express-serve-static-core' {
  interface Locals {
    /** This response's Content-Security-Policy nonce: Remix puts it on its inline scripts. */
    cspNonce: string;
  }
}

/**
 * The Content-Security-Policy of every response (pure). Scripts run only
 * from our own origin or, inline, with this response's nonce (Remix's
 * context and route-module scripts); no eval, no plugins, no `<base>`, no
 * framing, forms post only to us. `connect-src` names the collaboration
 * socket's origin explicitly, since older browsers do not let 'self' match
 * ws(s). Inline styles are allowed: React's `style` props are rendered as
 * HTML attributes on the server and CodeMirror and Radix write `<style>`
 * and style attributes at run time; styles cannot run script.
 */
export function contentSecurityPolicy(nonce: string, origin: string): string {
  const socketOrigin = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${socketOrigin}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** A fresh nonce per response: 128 random bits, as CSP asks. */
function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * Express middleware: the security headers of every response, and a nonce
 * for this one in `res.locals.cspNonce` (handed to Remix in the load context).
 */
export function securityHeaders(publicUrl: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = newNonce();
    res.locals.cspNonce = nonce;
    res.setHeader(
      'Content-Security-Policy',
      contentSecurityPolicy(nonce, ownOrigin(req, publicUrl)),
    );
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  };
}
