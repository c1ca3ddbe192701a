import type { StateCreator } from 'zustand';
import type { AppState, OutboxSlice } from './types';

export const initialOutbox: Pick<OutboxSlice, 'outbox'> = { outbox: [] };

/** Questions waiting for the server; realtime/outbox.ts sends them and keeps them stored. */
export const outboxSlice: StateCreator<AppState, [], [], OutboxSlice> = (set) => ({
  ...initialOutbox,
  setOutbox: (outbox) => set({ outbox }),
});
