import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CLIENT_EVENTS, ErrorCode, SERVER_EVENTS } from '@dais/shared';

/**
 * The reference part of docs/PROTOCOL.md is generated from the contract in shared/,
 * so the document cannot drift from the schemas: `pnpm docs:protocol` rewrites it and
 * a unit test fails when it is stale.
 */
export const PROTOCOL_DOC = fileURLToPath(new URL('../../docs/PROTOCOL.md', import.meta.url));
const BEGIN = '<!-- BEGIN GENERATED REFERENCE: pnpm docs:protocol -->';
const END = '<!-- END GENERATED REFERENCE -->';

const schema = (type: z.ZodType, io: 'input' | 'output') =>
  '```json\n' +
  JSON.stringify(z.toJSONSchema(type, { io, unrepresentable: 'any' }), null, 2) +
  '\n```';

export function renderReference(): string {
  const parts = ['## Reference', '', '### Client → server', ''];
  for (const [name, event] of Object.entries(CLIENT_EVENTS)) {
    const roles = event.roles === 'any' ? 'anyone' : event.roles.join(', ');
    parts.push(
      `#### \`${name}\``,
      '',
      event.doc,
      '',
      `Who may send it: ${roles}.`,
      '',
      'Payload:',
      '',
      schema(event.payload, 'input'),
      '',
      'Ack `data` when `ok` is true:',
      '',
      schema(event.ack, 'output'),
      '',
    );
  }
  parts.push('### Server → client', '');
  for (const [name, event] of Object.entries(SERVER_EVENTS)) {
    parts.push(
      `#### \`${name}\``,
      '',
      event.doc,
      '',
      `Sent to: ${event.to}.`,
      '',
      schema(event.payload, 'output'),
      '',
    );
  }
  parts.push('### Error codes', '', '| code | name |', '| --- | --- |');
  for (const [key, code] of Object.entries(ErrorCode)) parts.push(`| \`${code}\` | ${key} |`);
  return parts.join('\n');
}

/** The document with its generated section replaced by a fresh rendering. */
export function regenerate(document: string): string {
  const start = document.indexOf(BEGIN);
  const end = document.indexOf(END);
  if (start < 0 || end < start)
    throw new Error(`docs/PROTOCOL.md needs the markers ${BEGIN} … ${END}`);
  return `${document.slice(0, start + BEGIN.length)}\n\n${renderReference()}\n\n${document.slice(end)}`;
}

if (process.argv.includes('--write')) {
  writeFileSync(PROTOCOL_DOC, regenerate(readFileSync(PROTOCOL_DOC, 'utf8')));
  console.log(`wrote ${PROTOCOL_DOC}`);
}
