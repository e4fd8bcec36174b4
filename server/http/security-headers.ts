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
 * ws(s). Styles follow the same rule: `<style>` elements need the nonce
 * (CodeMirror and Radix are given it, app/lib/csp-nonce.tsx) and no
 * `style` attribute may come in the HTML; React sets `style` props through
 * the CSSOM after hydration, which CSP does not govern, so the live pages
 * (rendered in the browser) may use them. The nonce is the same for
 * scripts and styles: one secret per response.
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
