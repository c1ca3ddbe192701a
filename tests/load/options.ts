import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DEFAULT_SHAPE, SCENARIOS, type LoadShape } from './scenarios';

/** Everything one run needs, after the scenario and the command line are merged. */
export interface LoadOptions extends LoadShape {
  scenario: string | null;
  targets: string[];
  /** An existing event to load; by default the tool creates one through the HTTP API. */
  event: { code: string; moderatorKey: string } | null;
  /** Processes that hold the audience sockets; null: enough for the fd limit and the cores. */
  workers: number | null;
  /** Local addresses to connect from: 'auto' (see network.ts), a count of 127.x addresses, or a list. */
  sourceAddresses: 'auto' | 'none' | number | string[];
  seed: number;
  ackTimeoutMs: number;
  report: string | null;
  chart: string | null;
  /** Processes (the server, redis-server) whose CPU and memory the report samples. */
  watchPids: number[];
  quiet: boolean;
}

const SHAPE_FLAGS = {
  audience: 'audience',
  'question-rate': 'questionRate',
  'vote-rate': 'voteRate',
  duration: 'duration',
  'ramp-up': 'rampUp',
  moderators: 'moderators',
  'moderator-rate': 'moderatorRate',
  'initial-questions': 'initialQuestions',
  'fanout-sample': 'fanoutSample',
} as const satisfies Record<string, keyof LoadShape>;

export const USAGE = `pnpm load [options]

Drives real Socket.IO clients against a running Dais and writes a JSON report and an SVG chart.

  --scenario NAME          ${Object.keys(SCENARIOS).join(' | ')} (options below override it)
  --target URL[,URL…]      servers to spread the clients over (default http://127.0.0.1:3000)
  --event CODE --moderator-key KEY   load an existing event instead of creating one
  --audience N             audience sockets (default ${DEFAULT_SHAPE.audience})
  --question-rate N        questions per second (default ${DEFAULT_SHAPE.questionRate})
  --vote-rate N            votes per second (default ${DEFAULT_SHAPE.voteRate})
  --duration S             seconds of load after the ramp-up (default ${DEFAULT_SHAPE.duration})
  --ramp-up S              seconds over which the audience joins (default ${DEFAULT_SHAPE.rampUp})
  --moderators N           moderator sockets (default ${DEFAULT_SHAPE.moderators})
  --moderator-rate N       moderator actions per second: approve, reject, merge, up next, stage next
  --initial-questions N    questions submitted and approved before the ramp-up
  --fanout-sample N        audience sockets that time each approval's fan-out (default ${DEFAULT_SHAPE.fanoutSample})
  --workers N              load processes (default: enough for the fd limit, at least one per core)
  --source-addresses auto|none|N|IP,IP…   local addresses to connect from (default auto:
                           one 127.x per 50 audience sockets, as many networks would)
  --seed N                 random seed (default 1)
  --ack-timeout S          seconds before an unanswered request counts as TIMEOUT (default 10)
  --report FILE.json       the report (default .data/load/<name>-<time>.json)
  --chart FILE.svg         the chart (default next to the report)
  --watch-pid PID[,PID…]   sample these processes' CPU and memory (e.g. the server, redis-server)
  --quiet                  no progress bar
  --help`;

const text = { type: 'string' } as const;
const FLAGS = {
  ...(Object.fromEntries(Object.keys(SHAPE_FLAGS).map((flag) => [flag, text])) as Record<
    keyof typeof SHAPE_FLAGS,
    typeof text
  >),
  scenario: text,
  target: text,
  event: text,
  'moderator-key': text,
  workers: text,
  'source-addresses': text,
  seed: text,
  'ack-timeout': text,
  report: text,
  chart: text,
  'watch-pid': text,
  quiet: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

const positive = z.coerce.number().positive();
const count = z.coerce.number().int().min(0);
const ShapeOverridesSchema = z.object({
  audience: count,
  questionRate: z.coerce.number().min(0),
  voteRate: z.coerce.number().min(0),
  duration: positive,
  rampUp: z.coerce.number().min(0),
  moderators: count,
  moderatorRate: z.coerce.number().min(0),
  initialQuestions: count,
  fanoutSample: count,
});

const list = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** Parses the command line; throws with a readable message on a bad option. */
export function parseOptions(argv: string[]): LoadOptions | 'help' {
  const { values } = parseArgs({ args: argv, strict: true, options: FLAGS });
  if (values.help) return 'help';

  const scenario = values.scenario ?? null;
  const preset = scenario === null ? DEFAULT_SHAPE : SCENARIOS[scenario];
  if (!preset) throw new Error(`Unknown scenario "${scenario}"; known: ${Object.keys(SCENARIOS)}`);
  const overrides = Object.fromEntries(
    (Object.entries(SHAPE_FLAGS) as [keyof typeof SHAPE_FLAGS, keyof LoadShape][]).flatMap(
      ([flag, field]) => (values[flag] === undefined ? [] : [[field, values[flag]]]),
    ),
  );
  const parsed = ShapeOverridesSchema.partial().safeParse(overrides);
  if (!parsed.success) throw new Error(z.prettifyError(parsed.error));
  const shape: LoadShape = { ...pickShape(preset), ...parsed.data };

  if (shape.initialQuestions > 0 && shape.moderators === 0) {
    throw new Error('--initial-questions needs a moderator to approve them');
  }
  if ((values.event === undefined) !== (values['moderator-key'] === undefined)) {
    throw new Error('--event and --moderator-key go together');
  }
  const targets = list(values.target ?? 'http://127.0.0.1:3000');
  for (const target of targets) new URL(target); // throws on a malformed URL
  const sources = values['source-addresses'] ?? 'auto';

  return {
    ...shape,
    scenario,
    targets,
    event:
      values.event && values['moderator-key']
        ? { code: values.event, moderatorKey: values['moderator-key'] }
        : null,
    workers:
      values.workers === undefined ? null : z.coerce.number().int().min(1).parse(values.workers),
    sourceAddresses:
      sources === 'auto' || sources === 'none'
        ? sources
        : /^\d+$/.test(sources)
          ? Number(sources)
          : list(sources),
    seed: values.seed === undefined ? 1 : z.coerce.number().int().parse(values.seed),
    ackTimeoutMs:
      1000 * (values['ack-timeout'] === undefined ? 10 : positive.parse(values['ack-timeout'])),
    report: values.report ?? null,
    chart: values.chart ?? null,
    watchPids: list(values['watch-pid'] ?? '').map((pid) => z.coerce.number().int().parse(pid)),
    quiet: values.quiet ?? false,
  };
}

function pickShape(source: LoadShape): LoadShape {
  const shape = {} as Record<keyof LoadShape, number>;
  for (const field of Object.values(SHAPE_FLAGS)) shape[field] = source[field];
  return shape;
}
