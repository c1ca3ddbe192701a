import type { StateCreator } from 'zustand';
import type { AppState, ConnectionSlice } from './types';

export const connectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set) => ({
  connection: 'connecting',
  setConnection: (connection) => set({ connection }),
});
