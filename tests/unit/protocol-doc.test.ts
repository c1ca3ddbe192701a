import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_EVENTS, SERVER_EVENTS } from '@dais/shared';
import { PROTOCOL_DOC, regenerate } from '../scripts/protocol-doc';

describe('docs/PROTOCOL.md', () => {
  const document = readFileSync(PROTOCOL_DOC, 'utf8');

  it('holds the reference generated from the current schemas (run `pnpm docs:protocol`)', () => {
    expect(document).toBe(regenerate(document));
  });

  it('documents every event', () => {
    for (const name of [...Object.keys(CLIENT_EVENTS), ...Object.keys(SERVER_EVENTS)]) {
      expect(document).toContain(`#### \`${name}\``);
    }
  });
});
