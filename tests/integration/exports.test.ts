import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OwnQuestion } from '@dais/shared';
import {
  createEvent,
  disconnectAll,
  expectOk,
  join,
  request,
  type Client,
  type CreatedEventWithKeys,
} from '../harness/clients';
import { useDais } from '../harness/dais';
import { redisFingerprint } from '../harness/redis-state';

const dais = useDais();
afterAll(disconnectAll);

const PHONE = '13812345678';
const TEXTS = {
  phone: `我的孩子走丢了，请打${PHONE}联系我`,
  // (Question text hygiene drops \r, so a line break is \n.)
  tricky: 'Budgets, "value for money", and\nwhat comes next?\nThanks, Li',
  chinese: '学校如何保护孩子的网络安全？',
  pending: 'Will the embassy open a visa office in Chengdu?',
  rejected: 'Is the ambassador going to sing for us tonight?',
};
const PUBLIC_COLUMNS = [
  'id',
  'status',
  'text',
  'askedBy',
  'votes',
  'clusterId',
  'authorName',
  'createdAt',
  'statusAt',
  'answeredAt',
];

type Row = Record<string, string>;

let event: CreatedEventWithKeys;
let moderator: Client;
const asked = {} as Record<keyof typeof TEXTS, OwnQuestion>;

beforeAll(async () => {
  event = await createEvent(dais.url);
  moderator = (
    await join(dais.url, { code: event.code, role: 'moderator', key: event.moderatorKey })
  ).socket;
  const audience = (await join(dais.url, { code: event.code, role: 'audience' })).socket;
  for (const [name, text] of Object.entries(TEXTS)) {
    const { question } = await expectOk(audience, 'question:submit', { text, name: 'Li, "Jr."' });
    asked[name as keyof typeof TEXTS] = question;
  }
  const act =
    (what: 'question:approve' | 'question:reject' | 'question:show' | 'question:answer') =>
    (q: OwnQuestion) =>
      expectOk(moderator, what, { questionId: q.id });
  await act('question:approve')(asked.phone);
  await act('question:approve')(asked.chinese);
  await act('question:approve')(asked.tricky);
  await act('question:show')(asked.tricky);
  await act('question:answer')(asked.tricky);
  await act('question:reject')(asked.rejected);
});

function exportUrl(query: string, code = event.code) {
  return `${dais.url}/api/events/${code}/export?${query}`;
}

async function download(query: string, key?: string) {
  const response = await fetch(exportUrl(query), {
    headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, body: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

async function csvRows(query: string, key?: string) {
  const { response, body } = await download(`format=csv&${query}`, key);
  expect(response.status).toBe(200);
  const [header, ...records] = parse(body, { bom: true }) as string[][];
  const rows = records.map((r) => Object.fromEntries(header!.map((c, i) => [c, r[i]!])) as Row);
  return { header: header!, rows, body };
}

async function jsonRows(query: string, key?: string) {
  const { response, body } = await download(`format=json&${query}`, key);
  expect(response.status).toBe(200);
  return { rows: JSON.parse(body) as Record<string, unknown>[], body };
}

describe('exports without a key', () => {
  it('hold only public questions, their public text, no author ids and no reasons', async () => {
    const { header, rows, body } = await csvRows('scope=all');
    expect(header).toEqual(PUBLIC_COLUMNS);
    expect(rows.map((r) => r.id).sort()).toEqual(
      [asked.phone.id, asked.chinese.id, asked.tricky.id].sort(),
    );
    expect(body).not.toContain(PHONE);
    expect(body).not.toContain(asked.phone.authorId);
    const phone = rows.find((r) => r.id === asked.phone.id)!;
    expect(phone.text).toBe(asked.phone.publicText);
    expect(phone.text).not.toBe(TEXTS.phone);

    const json = await jsonRows('scope=all');
    expect(json.rows.map((r) => Object.keys(r))).toEqual(json.rows.map(() => PUBLIC_COLUMNS));
    expect(json.body).not.toContain(PHONE);
    expect(json.body).not.toContain(asked.phone.authorId);
  });

  it('with scope=answered, only the answered ones, with when they were answered', async () => {
    const { rows } = await jsonRows('scope=answered');
    expect(rows).toHaveLength(1);
    const [answered] = rows;
    expect(answered).toMatchObject({ id: asked.tricky.id, status: 'answered', text: TEXTS.tricky });
    expect(answered!.answeredAt).toBe(answered!.statusAt);
    expect(Date.parse(answered!.answeredAt as string)).toBeGreaterThanOrEqual(
      asked.tricky.createdAt,
    );
  });

  it('refuse personal=raw, and a wrong or malformed key, with 401 and nothing else', async () => {
    const before = await redisFingerprint(dais.server.redis);
    for (const [query, authorization] of [
      ['personal=raw', undefined],
      ['format=json&personal=raw', undefined],
      ['scope=all', 'Bearer not-the-key'],
      ['format=json&scope=all', `Bearer ${event.stageKey}`],
      ['scope=all', event.moderatorKey], // not "Bearer <key>"
      ['scope=all', `Basic ${event.moderatorKey}`],
    ] as const) {
      const response = await fetch(exportUrl(query), {
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(response.status, `${query} ${authorization}`).toBe(401);
      expect(response.headers.get('content-disposition')).toBeNull();
      expect(await response.json()).toEqual({ error: 'BAD_KEY', message: expect.any(String) });
    }
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);
  });
});

describe('exports with the moderator key', () => {
  it('hold every question, redacted by default, with the filter reasons', async () => {
    const { header, rows, body } = await csvRows('scope=all', event.moderatorKey);
    expect(header).toEqual([...PUBLIC_COLUMNS, 'reasons']);
    expect(rows.map((r) => r.id)).toEqual(Object.values(asked).map((q) => q.id));
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({
      [asked.phone.id]: 'approved',
      [asked.tricky.id]: 'answered',
      [asked.chinese.id]: 'approved',
      [asked.pending.id]: 'pending',
      [asked.rejected.id]: 'rejected',
    });
    expect(body).not.toContain(PHONE);
    expect(rows.find((r) => r.id === asked.phone.id)!.reasons).toBe('personal-data');
    expect(rows.find((r) => r.id === asked.pending.id)!.reasons).toBe('');

    const json = await jsonRows('scope=all', event.moderatorKey);
    expect(json.rows.find((r) => r.id === asked.phone.id)).toMatchObject({
      text: asked.phone.publicText,
      reasons: ['personal-data'],
      answeredAt: null,
      authorName: 'Li, "Jr."',
    });
    expect(json.body).not.toContain(PHONE);
  });

  it('hold the asker’s raw words with personal=raw', async () => {
    const { rows } = await csvRows('scope=all&personal=raw', event.moderatorKey);
    expect(rows.find((r) => r.id === asked.phone.id)!.text).toBe(TEXTS.phone);
    const json = await jsonRows('scope=answered&personal=raw', event.moderatorKey);
    expect(json.rows.map((r) => r.id)).toEqual([asked.tricky.id]);
  });

  it('are attachments named after the event and the scope', async () => {
    const csv = await download('format=csv&scope=answered', event.moderatorKey);
    expect(csv.response.headers.get('content-disposition')).toBe(
      `attachment; filename=dais-${event.code}-answered.csv`,
    );
    expect(csv.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.response.headers.get('cache-control')).toBe('no-store');
    const json = await download('format=json&scope=all');
    expect(json.response.headers.get('content-disposition')).toBe(
      `attachment; filename=dais-${event.code}-all.json`,
    );
    expect(json.response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });
});

describe('the CSV format', () => {
  it('starts with a UTF-8 byte order mark and round-trips Chinese', async () => {
    const { bytes, body } = await download('format=csv&scope=all');
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body).toContain(TEXTS.chinese);
    const { rows } = await csvRows('scope=all');
    expect(rows.find((r) => r.id === asked.chinese.id)!.text).toBe(TEXTS.chinese);
    expect(rows.find((r) => r.id === asked.phone.id)!.text).toBe(asked.phone.publicText);
  });

  it('quotes commas, quotes and newlines so that a CSV parser reads them back', async () => {
    expect(asked.tricky.text).toBe(TEXTS.tricky);
    const { rows, body } = await csvRows('scope=answered');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).toBe(TEXTS.tricky);
    expect(rows[0]!.authorName).toBe('Li, "Jr."');
    expect(body).toContain('"Budgets, ""value for money"", and\nwhat comes next?\nThanks, Li"');
  });

  it('with no questions is the header alone', async () => {
    const empty = await createEvent(dais.url);
    const response = await fetch(`${dais.url}/api/events/${empty.code}/export?scope=answered`);
    const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(body).toBe(`\ufeff${PUBLIC_COLUMNS.join(',')}\n`);
    const json = await fetch(`${dais.url}/api/events/${empty.code}/export?format=json`);
    expect(await json.json()).toEqual([]);
  });
});

describe('event:summary', () => {
  it('counts the event’s questions by minute, status and reason, and lists the answered', async () => {
    const summary = await expectOk(moderator, 'event:summary', {});
    expect(summary.event.code).toBe(event.code);
    expect(summary.perMinute.reduce((n, m) => n + m.questions, 0)).toBe(5);
    expect(summary.perMinute[0]!.minute).toBe(Math.floor(asked.phone.createdAt / 60_000) * 60_000);
    expect(summary.byStatus).toEqual({
      pending: 1,
      held: 0,
      approved: 2,
      live: 0,
      answered: 1,
      rejected: 1,
      merged: 0,
    });
    expect(summary.byReason).toEqual({ 'personal-data': 1 });
    expect(summary.answered.map((q) => [q.id, q.text])).toEqual([[asked.tricky.id, TEXTS.tricky]]);
    expect(summary.topClusters.map((q) => q.id).sort()).toEqual(
      Object.values(asked)
        .map((q) => q.id)
        .sort(),
    );
  });

  it('is refused to the audience, changing nothing', async () => {
    const audience = (await join(dais.url, { code: event.code, role: 'audience' })).socket;
    const before = await redisFingerprint(dais.server.redis);
    expect(await request(audience, 'event:summary', {})).toMatchObject({
      ok: false,
      error: 'FORBIDDEN',
    });
    expect(await redisFingerprint(dais.server.redis)).toEqual(before);
  });
});

describe('export requests', () => {
  it('with an unknown format or scope are refused (400), an unknown event is 404', async () => {
    for (const query of ['format=xlsx', 'scope=everything', 'personal=maybe']) {
      const response = await fetch(exportUrl(query));
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'INVALID_PAYLOAD' });
    }
    for (const code of ['ACDEFG34', 'not-a-code']) {
      const response = await fetch(exportUrl('format=csv', code));
      expect(response.status, code).toBe(404);
      expect(await response.json()).toMatchObject({ error: 'EVENT_NOT_FOUND' });
    }
  });

  it('read a large event in batches, every question once, oldest first', async () => {
    const big = await createEvent(dais.url);
    const words = 'river cloud budget school harbor train museum garden tax visa bridge music '
      .concat('library hospital farmer energy climate ocean market factory student teacher ')
      .concat('village forest desert island engine rocket science history language painting')
      .split(' ');
    const askers = await Promise.all(
      Array.from(
        { length: 10 },
        async () => (await join(dais.url, { code: big.code, role: 'audience' })).socket,
      ),
    );
    const ids: string[] = [];
    // 10 askers × 120 distinct questions: more than two read batches of 500.
    for (let round = 0; round < 120; round++) {
      const acks = await Promise.all(
        askers.map((socket, a) => {
          const n = round * askers.length + a;
          const pick = (k: number) =>
            words[(n * 7 + k * k * 13 + Math.floor(n / 36) * k) % words.length];
          const text = `Question ${n}: what about the ${pick(1)} and the ${pick(2)} near the ${pick(3)}?`;
          return expectOk(socket, 'question:submit', { text }).catch(() => null);
        }),
      );
      for (const ack of acks) if (ack) ids.push(ack.question.id);
    }
    expect(ids.length).toBeGreaterThan(1000);
    const response = await fetch(`${dais.url}/api/events/${big.code}/export?format=json`, {
      headers: { authorization: `Bearer ${big.moderatorKey}` },
    });
    const rows = (await response.json()) as { id: string; createdAt: string }[];
    expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
    const times = rows.map((r) => Date.parse(r.createdAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    const moderatorOfBig = (
      await join(dais.url, { code: big.code, role: 'moderator', key: big.moderatorKey })
    ).socket;
    const summary = await expectOk(moderatorOfBig, 'event:summary', {});
    expect(summary.perMinute.reduce((n, m) => n + m.questions, 0)).toBe(ids.length);
    expect(Object.values(summary.byStatus).reduce((n, c) => n + c, 0)).toBe(ids.length);
  });
});
