import { createContext, useContext } from 'react';

/**
 * This response's Content-Security-Policy nonce (server/http/security-headers.ts),
 * provided by app/entry.server.tsx while the page renders on the server.
 */
const CspNonce = createContext('');

export const CspNonceProvider = CspNonce.Provider;

/**
 * The nonce the page was served with, in the browser: the one on Remix's
 * inline scripts. Browsers hide it from the attribute once read, but keep
 * it in the element's `nonce` property. Empty on the server.
 */
export function pageNonce(): string {
  if (typeof document === 'undefined') return '';
  return document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? '';
}

/** The nonce for a `<script>` or `<style>` this component renders, on the server and in the browser. */
export function useCspNonce(): string {
  return useContext(CspNonce) || pageNonce();
}
