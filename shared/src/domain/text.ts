/** Length as a person counts it: code points, so one Chinese character or emoji is one. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

export const MAX_DISPLAY_NAME_LENGTH = 40;
