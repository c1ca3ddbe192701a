import type { ReactNode } from 'react';
import { LanguageSwitch } from './LanguageSwitch';

/** A centred full-page message: errors, not found, joining. */
export function MessageView({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <main className="message-view">
      <LanguageSwitch className="message-view__language" />
      <h1>{title}</h1>
      {children}
    </main>
  );
}
