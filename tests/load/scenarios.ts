/**
 * The load tool's presets. Every field can be overridden on the command line
 * (`pnpm load --scenario vote-storm --audience 5000`).
 */
export interface LoadShape {
  /** Audience sockets, joined during the ramp-up. */
  audience: number;
  /** Questions submitted per second, over the whole audience. */
  questionRate: number;
  /** Votes (and withdrawals) per second, over the whole audience. */
  voteRate: number;
  /** Seconds of load after the ramp-up. */
  duration: number;
  /** Seconds over which the audience connects and joins. */
  rampUp: number;
  moderators: number;
  /** Moderator actions per second, over all moderators. */
  moderatorRate: number;
  /** Questions submitted and approved before the ramp-up, so votes have targets at once. */
  initialQuestions: number;
  /** Audience sockets that time the fan-out of each approval. */
  fanoutSample: number;
}

export interface Scenario extends LoadShape {
  doc: string;
}

/** What a run without `--scenario` does: small enough for any laptop. */
export const DEFAULT_SHAPE: LoadShape = {
  audience: 100,
  questionRate: 5,
  voteRate: 20,
  duration: 10,
  rampUp: 2,
  moderators: 1,
  moderatorRate: 3,
  initialQuestions: 0,
  fanoutSample: 50,
};

export const SCENARIOS: Record<string, Scenario> = {
  'ambassador-hour': {
    doc: "The seeds' ambassador session: 2,000 questions from a 35,000-strong audience, the hour compressed to one minute. About ten votes per question (the audience votes far more often than it asks), three moderators working through the queue.",
    audience: 35_000,
    questionRate: 2000 / 60,
    voteRate: 20_000 / 60,
    duration: 60,
    rampUp: 60,
    moderators: 3,
    moderatorRate: 30,
    initialQuestions: 0,
    fanoutSample: 200,
  },
  'viral-post': {
    doc: 'A post that went viral: 60,000 questions in one minute from 10,000 participants, about 40% of them the same questions again in other words (the stream of tests/bench/stream.ts: Chinese LCQMC and English questions, duplicates, personal data, profanity).',
    audience: 10_000,
    questionRate: 1000,
    voteRate: 1000,
    duration: 60,
    rampUp: 20,
    moderators: 4,
    moderatorRate: 40,
    initialQuestions: 0,
    fanoutSample: 100,
  },
  'vote-storm': {
    doc: '10,000 votes per second on 20 approved questions from 15,000 participants. Each votes once per question; when the participants picked for a question have all voted for it, one of them withdraws (a second tap), so the storm keeps its rate once most have voted. One moderator, a trickle of new questions.',
    audience: 15_000,
    questionRate: 1,
    voteRate: 10_000,
    duration: 60,
    rampUp: 30,
    moderators: 1,
    moderatorRate: 1,
    initialQuestions: 20,
    fanoutSample: 100,
  },
};
