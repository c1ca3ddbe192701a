import type { ReactNode } from 'react';

/** A centred full-page message: errors, not found, joining. */
export function MessageView({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <main className="message-view">
      <h1>{title}</h1>
      {children}
    </main>
  );
}
