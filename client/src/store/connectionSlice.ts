import type { StateCreator } from 'zustand';
import type { AppState, ConnectionSlice } from './types';

export const initialConnection: Pick<ConnectionSlice, 'connection'> = { connection: 'connecting' };

export const connectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set) => ({
  ...initialConnection,
  setConnection: (connection) => set({ connection }),
});
