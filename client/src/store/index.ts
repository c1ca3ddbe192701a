import { create } from 'zustand';
import { boardSlice } from './boardSlice';
import { connectionSlice } from './connectionSlice';
import { noticesSlice } from './noticesSlice';
import { outboxSlice } from './outboxSlice';
import { questionsSlice } from './questionsSlice';
import { sessionSlice } from './sessionSlice';
import type { AppState } from './types';

export type { AppState, ConnectionState, Notice, NoticeKind, PendingQuestion } from './types';

export const useAppStore = create<AppState>()((...a) => ({
  ...connectionSlice(...a),
  ...sessionSlice(...a),
  ...questionsSlice(...a),
  ...noticesSlice(...a),
  ...boardSlice(...a),
  ...outboxSlice(...a),
}));
