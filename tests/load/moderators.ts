/**
 * Moderators, in the main process: they join with the moderator key, follow every
 * question as the moderators' board does, and work through it at a steady rate.
 */
import type { ClientEventName, QuestionStatus, Snapshot } from '@dais/shared';
import {
  clock,
  openSocket,
  seededRandom,
  send,
  type DaisClient,
  type Outcome,
  type PayloadOf,
} from './connection';
import { pace, type ModeratorAction, type Recorder } from './metrics';
import type { Approval } from './report';

/** How a moderator's actions divide; an action with nothing to act on falls back to approve. */
const ACTION_MIX: [ModeratorAction, number][] = [
  ['approve', 0.6],
  ['reject', 0.15],
  ['merge', 0.1],
  ['up-next', 0.1],
  ['stage-next', 0.05],
];

/**
 * Messages to every audience socket per moderator action, on average: an approval
 * and a merge into a public question are one broadcast each, stage:next two (answered,
 * shown); rejecting a pending question and "Up next" reach only moderators and the asker.
 */
const PUBLIC_BROADCASTS: Record<ModeratorAction, number> = {
  approve: 1,
  reject: 0,
  merge: 1,
  'up-next': 0,
  'stage-next': 2,
};
export const broadcastsPerAction = ACTION_MIX.reduce(
  (total, [action, share]) => total + share * PUBLIC_BROADCASTS[action],
  0,
);

export interface TeamOptions {
  targets: string[];
  code: string;
  moderatorKey: string;
  count: number;
  seed: number;
  ackTimeoutMs: number;
  /** Hears every approval that succeeded, for the fan-out figures. */
  onApproval: (approval: Approval) => void;
}

/**
 * The questions as the moderators see them: sets in arrival order, so each moderator
 * takes the oldest first. Pending and held questions are shared out by a hash of
 * their id, so two moderators never race for one (the stage and merges still can).
 */
class Board {
  readonly pending: Set<string>[];
  readonly held: Set<string>[];
  readonly approved = new Set<string>();
  queue = new Set<string>();

  constructor(private readonly moderators: number) {
    this.pending = Array.from({ length: moderators }, () => new Set());
    this.held = Array.from({ length: moderators }, () => new Set());
  }

  owner(id: string): number {
    let hash = 0;
    for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
    return hash % this.moderators;
  }

  /** Replaces everything with a snapshot's questions and queue. */
  load(snapshot: Snapshot) {
    for (const set of [...this.pending, ...this.held, this.approved]) set.clear();
    for (const question of snapshot.questions) this.learn(question);
    this.queue = new Set(snapshot.queue ?? []);
  }

  learn(question: Snapshot['questions'][number]) {
    this.place(question.id, question.status, question.clusterId === question.id);
  }

  /** Where a question is now; a merged question (in someone's cluster) is in no set. */
  place(id: string, status: QuestionStatus, leader: boolean) {
    const owner = this.owner(id);
    this.pending[owner]!.delete(id);
    this.held[owner]!.delete(id);
    this.approved.delete(id);
    if (!leader) return;
    if (status === 'pending') this.pending[owner]!.add(id);
    else if (status === 'held') this.held[owner]!.add(id);
    else if (status === 'approved') this.approved.add(id);
  }

  /** Takes the oldest question of a set, so no one acts on it twice. */
  static take(set: Set<string>): string | undefined {
    const id = set.values().next().value;
    if (id !== undefined) set.delete(id);
    return id;
  }
}

export async function joinModerators(options: TeamOptions, recorder: Recorder) {
  const board = new Board(Math.max(1, options.count));
  const sockets: DaisClient[] = [];
  for (let i = 0; i < options.count; i++) {
    const socket = openSocket(options.targets[i % options.targets.length]!);
    sockets.push(socket);
    const join = () =>
      send(
        socket,
        'event:join',
        {
          code: options.code,
          role: 'moderator',
          key: options.moderatorKey,
          name: `Load moderator ${i + 1}`,
          clientId: `load-moderator-${options.seed}-${i + 1}`,
        },
        options.ackTimeoutMs,
      );
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const joined = await join();
    if (!joined.ok) throw new Error(`A moderator could not join ${options.code}: ${joined.error}`);
    if (i === 0) follow(socket, joined.data, board);
    // As the web client does: every reconnect joins again, and its snapshot is the truth.
    socket.on('connect', () => {
      recorder.count('moderator.reconnects');
      void join().then((again) => {
        recorder.answered('join', again);
        if (again.ok && i === 0) board.load(again.data);
      });
    });
  }

  /** Sends one moderator request, timed under its action. */
  async function act<E extends ClientEventName>(
    socket: DaisClient,
    action: ModeratorAction,
    event: E,
    payload: PayloadOf<E>,
  ): Promise<Outcome<E>> {
    recorder.count(`${action}.sent`);
    inFlight += 1;
    const sent = clock();
    const result = await send(socket, event, payload, options.ackTimeoutMs);
    inFlight -= 1;
    recorder.time(action, clock() - sent);
    recorder.answered(action, result);
    return result;
  }
  let inFlight = 0;

  async function approve(index: number, questionId: string): Promise<boolean> {
    const sentAt = clock();
    const result = await act(sockets[index]!, 'approve', 'question:approve', {
      questionId,
      expected: 'pending',
    });
    if (result.ok) options.onApproval({ questionId, sentAt, ackAt: clock() });
    return result.ok;
  }

  /** One action of moderator `index`, chosen by ACTION_MIX. */
  function actOnce(index: number, random: () => number) {
    const socket = sockets[index]!;
    let roll = random();
    let action: ModeratorAction = 'approve';
    for (const [candidate, share] of ACTION_MIX) {
      if (roll < share) {
        action = candidate;
        break;
      }
      roll -= share;
    }
    const pending = board.pending[index]!;
    const approved = [...board.approved];
    if (action === 'reject') {
      const id = Board.take(board.held[index]!) ?? Board.take(pending);
      if (id) return void act(socket, 'reject', 'question:reject', { questionId: id });
    } else if (action === 'merge' && approved.length > 0) {
      const id = Board.take(pending);
      const intoId = approved[Math.floor(random() * approved.length)]!;
      if (id) {
        return void act(socket, 'merge', 'question:merge', {
          questionId: id,
          intoId,
          expected: 'pending',
        });
      }
    } else if (action === 'up-next') {
      const id = approved.find((candidate) => !board.queue.has(candidate));
      if (id) {
        board.queue.add(id);
        return void act(socket, 'up-next', 'queue:move', { questionId: id, beforeId: null });
      }
    } else if (action === 'stage-next' && approved.length > 0) {
      return void act(socket, 'stage-next', 'stage:next', {});
    }
    const id = Board.take(pending);
    if (id) return void approve(index, id);
    recorder.count('moderator.idle');
  }

  return {
    approve,
    /** Every moderator acts at its share of `rate` from `at` on; returns the stop. */
    work(rate: number, at: number, seed: number): () => void {
      const stops = sockets.map((_, index) => {
        const random = seededRandom(seed * 104729 + index);
        return pace(rate / sockets.length, at, {
          run: () => actOnce(index, random),
          onLag: (ms) => recorder.lag(ms),
          onDrop: (count) => recorder.count('moderator.dropped', count),
        });
      });
      return () => stops.forEach((stop) => stop());
    },
    /** Resolves when no request is waiting for its ack (or after `timeoutMs`). */
    async settled(timeoutMs: number) {
      const deadline = clock() + timeoutMs;
      while (inFlight > 0 && clock() < deadline) await new Promise((r) => setTimeout(r, 20));
    },
    close: () => sockets.forEach((socket) => socket.disconnect()),
  };
}
export type ModeratorTeam = Awaited<ReturnType<typeof joinModerators>>;

/** Keeps the board in step with the moderators' snapshot and every change after it. */
function follow(socket: DaisClient, snapshot: Snapshot, board: Board) {
  board.load(snapshot);
  socket.on('question:changed', ({ question }) => board.learn(question));
  socket.on('queue:changed', ({ queue }) => (board.queue = new Set(queue)));
}
