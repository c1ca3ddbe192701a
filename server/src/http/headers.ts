import type { IncomingMessage } from 'node:http';
import helmet from 'helmet';

/** A Host header that is only a host name or address and a port (nothing to inject). */
const PLAIN_HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * helmet's headers, with a Content-Security-Policy for the built client: scripts and
 * styles only from this origin (no inline script; the build has none), sockets only to
 * this origin, images from here or data: URLs (the icon), and no framing by any page.
 * A second wall behind React's escaping: injected markup could run nothing.
 */
export const securityHeaders = () =>
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        // 'self' covers ws:/wss: of this origin in CSP 3; named as well for older browsers.
        connectSrc: ["'self'", (req) => sameOriginSockets(req as IncomingMessage)],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    // The exports are downloads a page of ours links to; nothing is embedded cross-origin.
    crossOriginEmbedderPolicy: false,
  });

function sameOriginSockets(req: IncomingMessage): string {
  const host = req.headers.host;
  return host && PLAIN_HOST.test(host) ? `ws://${host} wss://${host}` : '';
}
