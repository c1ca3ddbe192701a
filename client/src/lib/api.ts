import type { CreatedEvent } from '@dais/shared';

export type CreateResult = { ok: true; event: CreatedEvent } | { ok: false; message: string };

export async function createEvent(title: string): Promise<CreateResult> {
  try {
    const response = await fetch('/api/events', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title }),
    });
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return { ok: true, event: body as CreatedEvent };
    const message = (body as { message?: unknown } | null)?.message;
    return {
      ok: false,
      message: typeof message === 'string' ? message : `The server answered ${response.status}.`,
    };
  } catch {
    return { ok: false, message: 'Could not reach the server. Check your connection.' };
  }
}
