import { ErrorCode, fail, type CreatedEvent, type Failure } from '@dais/shared';

/** A failure carries the server's error code, so the page words it in the user's language. */
export type CreateResult = { ok: true; event: CreatedEvent } | Failure;

export const isErrorCode = (value: unknown): value is ErrorCode =>
  (Object.values(ErrorCode) as unknown[]).includes(value);

export async function createEvent(title: string): Promise<CreateResult> {
  try {
    const response = await fetch('/api/events', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ title }),
    });
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return { ok: true, event: body as CreatedEvent };
    const { error, message } = (body ?? {}) as { error?: unknown; message?: unknown };
    return fail(
      isErrorCode(error) ? error : ErrorCode.Internal,
      typeof message === 'string' ? message : `The server answered ${response.status}.`,
    );
  } catch {
    return fail(ErrorCode.Unavailable, 'Could not reach the server. Check your connection.');
  }
}
