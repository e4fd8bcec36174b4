import { z } from 'zod';
import { pageNonce } from './csp-nonce.tsx';

/**
 * Tells the browser's libraries about the page's Content-Security-Policy
 * (server/http/security-headers.ts), before any of them runs: app/root.tsx
 * imports this module first of all. Nothing happens on the server.
 *
 * - zod compiles object parsers with `new Function` when it may, and its
 *   probe for eval, run when the first object schema is built, is already
 *   reported as a violation: parse without compiling.
 * - Radix's dialogs and menus inject a `<style>` (react-style-singleton),
 *   which reads its nonce from the `__webpack_nonce__` convention.
 */
if (typeof document !== 'undefined') {
  z.config({ jitless: true });
  (globalThis as { __webpack_nonce__?: string }).__webpack_nonce__ = pageNonce();
}
