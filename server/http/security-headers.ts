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
 * ws(s). `<style>` elements need the nonce too (CodeMirror and Radix are
 * given it, app/lib/csp-nonce.tsx). Style attributes are allowed
 * (`style-src-attr`): CodeMirror and y-codemirror.next colour other people's
 * carets and selections with `style` attributes they set at run time, and
 * an attribute can neither run script nor load from another origin
 * (`img-src` and `font-src` are ours). One nonce per response, for both.
 */
export function contentSecurityPolicy(nonce: string, origin: string): string {
  const socketOrigin = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
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
