import type { RenderRecord } from '../../shared/api/renders.ts';

/** The message every collaborator's client receives (Hocuspocus stateless, on the project document). */
export interface RenderUpdateMessage {
  type: 'render';
  render: RenderRecord;
}

export const RELAY_INTERVAL_MS = 250; // ≤ 4 updates per second per render

/** One render's throttling state: when it last went out, and what waits to. */
export interface RelayState {
  lastRelay: number;
  relayTimer: NodeJS.Timeout | null;
  latest: RenderRecord | null;
}

export const newRelayState = (): RelayState => ({ lastRelay: 0, relayTimer: null, latest: null });

/** How long an update must wait to keep a render at ≤ 4 updates per second (≤ 0: send now). */
export const relayWait = (lastRelay: number, now: number) => lastRelay + RELAY_INTERVAL_MS - now;

/**
 * Sends render records to every collaborator of their project: at once, or
 * throttled per render for progress (the latest state always goes out).
 */
export function createRelay(broadcast: (projectId: string, message: RenderUpdateMessage) => void) {
  function relay(record: RenderRecord | null) {
    if (record) broadcast(record.projectId, { type: 'render', render: record });
  }

  return {
    relay,

    /** Relays at most every 250 ms per render; the latest state always goes out. */
    throttled(state: RelayState, record: RenderRecord) {
      state.latest = record;
      const wait = relayWait(state.lastRelay, Date.now());
      if (wait <= 0) {
        state.lastRelay = Date.now();
        relay(record);
      } else if (!state.relayTimer) {
        state.relayTimer = setTimeout(() => {
          state.relayTimer = null;
          state.lastRelay = Date.now();
          relay(state.latest);
        }, wait);
      }
    },

    /** Drops a pending throttled update: a stale one sent after the final record would stick. */
    cancelPending(state: RelayState) {
      if (state.relayTimer) clearTimeout(state.relayTimer);
      state.relayTimer = null;
    },
  };
}

export type Relay = ReturnType<typeof createRelay>;
