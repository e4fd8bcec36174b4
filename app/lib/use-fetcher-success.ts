import { useEffect, useRef } from 'react';

/** Calls `onSuccess` once each time a fetcher settles with `{ ok: true }`. */
export function useFetcherSuccess(
  fetcher: { state: string; data?: unknown },
  onSuccess: () => void,
) {
  const callback = useRef(onSuccess);
  useEffect(() => {
    callback.current = onSuccess;
  });
  useEffect(() => {
    if (fetcher.state === 'idle' && (fetcher.data as { ok?: boolean } | undefined)?.ok) {
      callback.current();
    }
  }, [fetcher.state, fetcher.data]);
}
