import { createContext, useContext } from 'react';

/**
 * This response's Content-Security-Policy nonce (server/http/security-headers.ts),
 * provided by app/entry.server.tsx for the inline scripts of the first render.
 * In the browser it is empty: scripts added after hydration are not inline,
 * and browsers hide a nonce from the page once it has been read.
 */
const CspNonce = createContext('');

export const CspNonceProvider = CspNonce.Provider;

export function useCspNonce(): string {
  return useContext(CspNonce);
}
