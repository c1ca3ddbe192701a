import type { StateCreator } from 'zustand';
import type { AppState, NoticesSlice } from './types';

const NOTICE_MS = 5000;
let lastNoticeId = 0;

export const initialNotices: Pick<NoticesSlice, 'notices'> = { notices: [] };

export const noticesSlice: StateCreator<AppState, [], [], NoticesSlice> = (set, get) => ({
  ...initialNotices,
  notify: (kind, text) => {
    const id = ++lastNoticeId;
    set((state) => ({ notices: [...state.notices, { id, kind, text }] }));
    setTimeout(() => get().dismissNotice(id), NOTICE_MS);
  },
  dismissNotice: (id) =>
    set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) })),
});
