/** The emulated gateway at the protocol level, with a raw WebSocket client: what discord.js does not
 * exercise by default (zlib-stream compression, error closes, failed resumes). */
import { createInflate } from 'node:zlib';
import { WebSocket } from 'ws';
import type { DiscordEmulator } from './discord-emulator';
import { startDiscordEmulator } from './discord-emulator';

interface Payload {
  op: number;
  t?: string | null;
  s?: number | null;
  d: unknown;
}

interface RawClient {
  socket: WebSocket;
  next(): Promise<Payload>;
  closed: Promise<number>;
  send(payload: object): void;
}

let emulator: DiscordEmulator;
const sockets: WebSocket[] = [];

beforeEach(async () => {
  emulator = await startDiscordEmulator({ guilds: [{ key: 'A', channels: [{ key: 'news' }], members: [{ key: 'owner' }] }] });
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await emulator.close();
});

function connect(query: string, path = ''): RawClient {
  const socket = new WebSocket(`${emulator.gatewayUrl}${path}?${query}`);
  sockets.push(socket);
  const queue: Payload[] = [];
  const waiters: ((p: Payload) => void)[] = [];
  const deliver = (payload: Payload) => {
    const waiter = waiters.shift();
    if (waiter) waiter(payload);
    else queue.push(payload);
  };
  if (query.includes('compress=zlib-stream')) {
    const inflate = createInflate();
    let text = '';
    inflate.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      try {
        deliver(JSON.parse(text) as Payload);
        text = '';
      } catch {
        // an incomplete payload: wait for more
      }
    });
    socket.on('message', (data: Buffer) => inflate.write(data));
  } else {
    socket.on('message', (data: Buffer) => deliver(JSON.parse(data.toString('utf8')) as Payload));
  }
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  return {
    socket,
    closed,
    next: () => new Promise((resolve) => {
      const queued = queue.shift();
      if (queued) resolve(queued);
      else waiters.push(resolve);
    }),
    send: (payload) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(payload));
      else socket.once('open', () => socket.send(JSON.stringify(payload)));
    },
  };
}

const identify = (token: string, intents = 1) => ({ op: 2, d: { token, intents, properties: { os: 'linux', browser: 'test', device: 'test' } } });

test('zlib-stream: HELLO, READY and GUILD_CREATE arrive compressed and in sequence', async () => {
  const client = connect('v=10&encoding=json&compress=zlib-stream');
  const hello = await client.next();
  expect(hello).toMatchObject({ op: 10, d: { heartbeat_interval: 41_250 } });
  client.send(identify(emulator.token));
  const ready = await client.next();
  expect(ready).toMatchObject({ op: 0, t: 'READY', s: 1, d: { v: 10, user: { id: emulator.botUserId, bot: true }, resume_gateway_url: `${emulator.gatewayUrl}/resume` } });
  const guild = await client.next();
  expect(guild).toMatchObject({ op: 0, t: 'GUILD_CREATE', s: 2 });
  client.send({ op: 1, d: 2 });
  expect(await client.next()).toMatchObject({ op: 11 });
});

test.each([
  ['a wrong token', 4004, 'v=10&encoding=json', (c: RawClient) => c.send(identify('wrong'))],
  ['an unsupported API version', 4012, 'v=6&encoding=json', () => undefined],
  ['ETF encoding', 4002, 'v=10&encoding=etf', () => undefined],
  ['a payload before identifying', 4003, 'v=10&encoding=json', (c: RawClient) => c.send({ op: 8, d: { guild_id: '1' } })],
  ['invalid JSON', 4002, 'v=10&encoding=json', (c: RawClient) => c.socket.once('open', () => c.socket.send('{nope'))],
])('%s closes the connection with %i', async (_what, code, query, act) => {
  const client = connect(query);
  act(client);
  expect(await client.closed).toBe(code);
});

test('a second IDENTIFY on one connection closes it with 4005', async () => {
  const client = connect('v=10&encoding=json');
  await client.next();
  client.send(identify(emulator.token));
  await client.next();
  client.send(identify(emulator.token));
  expect(await client.closed).toBe(4005);
});

test('RESUME with an unknown session gets a non-resumable Invalid Session; a known one replays what was missed', async () => {
  const stranger = connect('v=10&encoding=json');
  await stranger.next();
  stranger.send({ op: 6, d: { token: emulator.token, session_id: 'nope', seq: 0 } });
  expect(await stranger.next()).toEqual({ op: 9, d: false, s: null, t: null });

  const first = connect('v=10&encoding=json');
  await first.next();
  first.send(identify(emulator.token));
  const ready = await first.next();
  const sessionId = (ready.d as { session_id: string }).session_id;
  const lastSeen = (await first.next()).s ?? 0;
  first.socket.terminate();
  await first.closed;
  emulator.dispatch('TYPING_START', { channel_id: '1', user_id: '2', timestamp: 0 });
  const second = connect('v=10&encoding=json', '/resume');
  await second.next();
  second.send({ op: 6, d: { token: emulator.token, session_id: sessionId, seq: lastSeen } });
  expect(await second.next()).toMatchObject({ t: 'TYPING_START', s: lastSeen + 1 });
  expect(await second.next()).toMatchObject({ t: 'RESUMED', s: lastSeen + 2 });
  expect(emulator.resumes).toEqual([expect.objectContaining({ sessionId, fromSeq: lastSeen, replayed: 1, path: '/resume' })]);
});
