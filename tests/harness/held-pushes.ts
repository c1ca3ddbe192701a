import type { Page } from 'playwright-core';

/**
 * Lets a test hold back the pushes a page receives (not the acks of its own commands),
 * as a slow network would: its moderator then acts on what it saw before.
 */
export async function holdablePushes(page: Page) {
  let holding = false;
  const held: string[] = [];
  const forward: ((message: string) => void)[] = [];
  await page.context().routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    const toPage = (message: string | Buffer) => ws.send(message);
    forward.push(toPage);
    server.onMessage((message) => {
      // Socket.IO frames: `42[...]` is a push, `43<id>[...]` an ack.
      if (holding && typeof message === 'string' && message.startsWith('42["question:changed"')) {
        held.push(message);
      } else {
        toPage(message);
      }
    });
  });
  return {
    hold: () => {
      holding = true;
    },
    release: () => {
      holding = false;
      for (const message of held.splice(0)) for (const send of forward) send(message);
    },
  };
}
