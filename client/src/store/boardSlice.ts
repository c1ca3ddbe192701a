import type { StateCreator } from 'zustand';
import type { AppState, BoardSlice } from './types';

export const initialBoard: Pick<BoardSlice, 'mergeFrom'> = { mergeFrom: null };

export const boardSlice: StateCreator<AppState, [], [], BoardSlice> = (set) => ({
  ...initialBoard,
  setMergeFrom: (mergeFrom) => set({ mergeFrom }),
});
