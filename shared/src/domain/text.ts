/** Length as a person counts it: code points, so one Chinese character or emoji is one. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The text we store: NFC, trimmed, no control characters but newlines and tabs. */
export function cleanQuestionText(text: string): string {
  return (
    text
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .trim()
  );
}

export const MAX_DISPLAY_NAME_LENGTH = 40;
