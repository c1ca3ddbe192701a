/**
 * One load process: holds its share of the audience sockets and sends its share of
 * the questions and votes, as the web client would. Started by main.ts (child_process
 * fork); reports a Tick every second over IPC.
 */
import { isPublicStatus, type ServerToClientEvents, type Snapshot } from '@dais/shared';
import { buildStream } from '../bench/stream';
import { clock, openSocket, seededRandom, send, type DaisClient } from './connection';
import type { FromWorker, ToWorker, VoteTally, WorkerConfig } from './messages';
import { everySecond, pace, Recorder } from './metrics';
import { placement } from './network';

/** Connections opening at once per process: more only fills the server's accept backlog. */
const MAX_CONNECTING = 500;
/** Participants tried for a question before one who voted for it withdraws instead. */
const VOTER_TRIES = 3;

interface Participant {
  global: number;
  url: string;
  source: string | undefined;
  socket?: DaisClient;
  token?: string;
  joined: boolean;
  /** Fan-out timing socket. */
  sampled: boolean;
  /** Votes the server confirmed: cluster leader → voted. */
  votes: Map<string, boolean>;
  /** Questions with a vote request on the way (one at a time per question, like a button). */
  voting: Set<string>;
}

type AnyQuestion = Parameters<ServerToClientEvents['question:changed']>[0]['question'];

const tell = (message: FromWorker) => process.send?.(message);

process.on('message', (message: ToWorker) => {
  if (message.type === 'start') run = start(message.config);
  else if (message.type === 'go') run?.go(message.at);
  else if (message.type === 'stop') void run?.stop();
});
let run: ReturnType<typeof start> | undefined;
// Ctrl-C reaches the whole process group: the main process decides when to stop.
process.on('SIGINT', () => {});
// Without the main process nobody collects the numbers: do not linger holding sockets.
process.on('disconnect', () => process.exit(1));

function start(config: WorkerConfig) {
  const recorder = new Recorder(`load process ${config.index + 1}`);
  const random = seededRandom(config.seed * 7919 + config.index);
  const mine: Participant[] = [];
  for (let global = 0; global < config.audience; global++) {
    const place = placement(global, config.workers, config.targets.length);
    if (place.worker !== config.index) continue;
    const sources = config.sources[place.target] ?? [];
    mine.push({
      global,
      url: config.targets[place.target]!,
      source: sources.length ? sources[place.source % sources.length] : undefined,
      joined: false,
      sampled: global < config.fanoutSample,
      votes: new Map(),
      voting: new Set(),
    });
  }
  const texts =
    config.questionRate > 0
      ? buildStream(config.streamSize, config.seed).filter(
          (_, i) => i % config.workers === config.index,
        )
      : [];
  let nextText = 0;
  let joinedCount = 0;
  let settled = 0;
  let inFlight = 0;
  let stopping = false;
  const stoppers: (() => void)[] = [];

  /** Public questions this process has heard of, oldest approval first (votes favour them). */
  const publicIds: string[] = [];
  const publicSet = new Set<string>();
  const learn = (question: AnyQuestion) => {
    if (isPublicStatus(question.status)) {
      if (publicSet.has(question.id)) return;
      publicSet.add(question.id);
      publicIds.push(question.id);
    } else if (publicSet.delete(question.id)) {
      publicIds.splice(publicIds.indexOf(question.id), 1);
    }
  };

  const settle = () => {
    settled += 1;
    if (settled === mine.length) tell({ type: 'ready' });
  };
  if (mine.length === 0) tell({ type: 'ready' });

  stoppers.push(
    everySecond(config.runStart, (second) =>
      tell({ type: 'tick', tick: recorder.flush(second, joinedCount) }),
    ),
  );

  // The ramp-up: sockets open evenly over it, at most MAX_CONNECTING at a time.
  let opened = 0;
  let connecting = 0;
  let dueToConnect = config.rampUp > 0 ? 0 : mine.length;
  const stopRamp =
    config.rampUp > 0
      ? pace(mine.length / config.rampUp, config.rampStart, {
          run: () => (dueToConnect += 1),
          onLag: () => {},
          onDrop: (count) => (dueToConnect += count), // late sockets still connect
        })
      : () => {};
  const pump = () => {
    while (connecting < MAX_CONNECTING && dueToConnect > 0 && opened < mine.length) {
      dueToConnect -= 1;
      connecting += 1;
      connect(mine[opened++]!, () => {
        connecting -= 1;
        settle();
      });
    }
    if (opened === mine.length) stopPump();
  };
  const pumpTimer = setInterval(pump, 10);
  const stopPump = () => {
    clearInterval(pumpTimer);
    stopRamp();
  };
  stoppers.push(stopPump);

  function connect(p: Participant, firstSettled: () => void) {
    const openedAt = clock();
    let first = true;
    const settleOnce = () => {
      if (!first) return;
      first = false;
      firstSettled();
    };
    const socket = openSocket(p.url, p.source);
    p.socket = socket;
    socket.on('connect', () => {
      if (first) recorder.time('connect', clock() - openedAt);
      else recorder.count('reconnects');
      void join(p).then(settleOnce);
    });
    socket.on('connect_error', (error) => {
      recorder.error('connect', error.message);
      settleOnce();
    });
    socket.on('disconnect', (reason) => {
      if (p.joined) joinedCount -= 1;
      p.joined = false;
      recorder.count('disconnects');
      // The server closed us on purpose; socket.io does not retry that by itself.
      if (reason === 'io server disconnect' && !stopping) socket.connect();
    });
    socket.on('question:changed', ({ change, question }) => {
      recorder.count('pushes');
      learn(question);
      if (p.sampled && change === 'approved') recorder.receipt(question.id, clock());
    });
    socket.on('votes:changed', () => recorder.count('pushes'));
    socket.on('event:changed', () => recorder.count('pushes'));
  }

  async function join(p: Participant): Promise<void> {
    const sent = clock();
    const result = await send(
      p.socket!,
      'event:join',
      { code: config.code, role: 'audience', ...(p.token && { token: p.token }) },
      config.ackTimeoutMs,
    );
    recorder.answered('join', result);
    if (!result.ok) {
      if (result.error === 'BAD_TOKEN') {
        p.token = undefined;
        return join(p);
      }
      return;
    }
    recorder.time('join', clock() - sent);
    const snapshot: Snapshot = result.data;
    p.token = snapshot.participant?.token;
    for (const question of snapshot.questions) learn(question);
    // The snapshot is the truth after a reconnect: the votes the server holds.
    p.votes = new Map((snapshot.myVotes ?? []).map((id) => [id, true]));
    if (!p.joined && p.socket?.connected) {
      p.joined = true;
      joinedCount += 1;
    }
  }

  const someoneJoined = (): Participant | undefined => {
    for (let tries = 0; tries < 5; tries++) {
      const p = mine[Math.floor(random() * mine.length)];
      if (p?.joined) return p;
    }
    return undefined;
  };

  const request = async <T>(operation: string, ask: () => Promise<T>): Promise<T> => {
    recorder.count(`${operation}.sent`);
    inFlight += 1;
    try {
      return await ask();
    } finally {
      inFlight -= 1;
    }
  };

  function submit() {
    const p = someoneJoined();
    if (!p || texts.length === 0) return recorder.count('submit.skipped');
    const text = texts[nextText++ % texts.length]!;
    const named = random() < 0.3;
    void request('submit', async () => {
      const sent = clock();
      const result = await send(
        p.socket!,
        'question:submit',
        { text, ...(named && { name: `Guest ${p.global}` }) },
        config.ackTimeoutMs,
      );
      recorder.time('submit', clock() - sent);
      recorder.answered('submit', result);
    });
  }

  function vote() {
    if (publicIds.length === 0) return recorder.count('vote.skipped');
    // Earlier approved questions have been seen longer: they draw most votes.
    const questionId = publicIds[Math.floor(random() ** 2 * publicIds.length)]!;
    // One vote per participant and question: look for someone who has not voted for it;
    // failing that, someone who has withdraws it (a second tap on the button).
    let voter: Participant | undefined;
    let withdrawer: Participant | undefined;
    for (let tries = 0; tries < VOTER_TRIES && !voter; tries++) {
      const p = someoneJoined();
      if (!p || p.voting.has(questionId)) continue;
      if (p.votes.get(questionId)) withdrawer = p;
      else voter = p;
    }
    const p = voter ?? withdrawer;
    if (!p) return recorder.count('vote.skipped');
    const up = !p.votes.get(questionId);
    p.voting.add(questionId);
    void request('vote', async () => {
      const sent = clock();
      const result = await send(
        p.socket!,
        'question:vote',
        { questionId, up },
        config.ackTimeoutMs,
      );
      recorder.time('vote', clock() - sent);
      p.voting.delete(questionId);
      recorder.answered('vote', result);
      if (!result.ok) return;
      p.votes.set(result.data.questionId, result.data.voted);
      recorder.count(up ? 'vote.up' : 'vote.withdrawn');
    });
  }

  return {
    go(at: number) {
      const onLag = (ms: number) => recorder.lag(ms);
      stoppers.push(
        pace(config.questionRate, at, {
          run: submit,
          onLag,
          onDrop: (count) => recorder.count('submit.dropped', count),
        }),
        pace(config.voteRate, at, {
          run: vote,
          onLag,
          onDrop: (count) => recorder.count('vote.dropped', count),
        }),
      );
    },
    async stop() {
      stopping = true;
      for (const stop of stoppers) stop();
      const deadline = clock() + config.ackTimeoutMs;
      while (inFlight > 0 && clock() < deadline) await new Promise((r) => setTimeout(r, 20));
      const second = Math.floor((clock() - config.runStart) / 1000);
      const votes: VoteTally = {};
      for (const p of mine) {
        for (const [id, voted] of p.votes) if (voted) votes[id] = (votes[id] ?? 0) + 1;
      }
      process.send?.(
        { type: 'done', votes, tick: recorder.flush(second, joinedCount) } satisfies FromWorker,
        () => {
          for (const p of mine) p.socket?.disconnect();
          process.exit(0);
        },
      );
    },
  };
}
