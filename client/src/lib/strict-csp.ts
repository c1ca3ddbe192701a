import { z } from 'zod';

// Imported before anything else: zod probes `new Function` when the shared schemas
// are built, and the page's CSP (no eval) reports that probe as a violation even
// though zod catches it. jitless skips the probe; zod then validates as it would
// after a refused one.
z.config({ jitless: true });
