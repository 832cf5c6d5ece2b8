/** The emulated gateway: HELLO, heartbeats, IDENTIFY → READY + GUILD_CREATE (per shard), RESUME with
 * replay, dispatches with sequence numbers to the owning shard, and dropping connections on demand. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import type { JsonObject } from './api-types';
import { isRecord } from './api-types';
import type { DispatchTarget, EmulatorContext } from './context';
import { GatewayIntent, PRIVILEGED_INTENTS } from './context';
import type { GatewayPayload } from './gateway-connection';
import { GatewayConnection } from './gateway-connection';
import { guildCreatePayload, memberPayload } from './payloads';
import type { Shard } from './sharding';
import { parseShard, shardOwns } from './sharding';

const REPLAY_BUFFER = 10_000;

export interface GatewaySession {
  id: string;
  intents: number;
  shard: Shard;
  seq: number;
  buffer: GatewayPayload[];
  connection: GatewayConnection | null;
  ended: boolean;
  identifiedAt: number;
}

export interface IdentifyRecord {
  at: number;
  sessionId: string;
  intents: number;
  shard: Shard;
  properties: unknown;
  compress: boolean;
  largeThreshold?: number;
  presence?: unknown;
}

export interface ResumeRecord {
  at: number;
  sessionId: string;
  fromSeq: number;
  replayed: number;
  /** The path the client reconnected to ('/resume' is the resume_gateway_url). */
  path: string;
}

export interface DropOptions {
  /** Close code (default 4000, which discord.js resumes after). */
  code?: number;
  /** 'close' sends a close frame; 'terminate' destroys the TCP socket (the client sees 1006). */
  mode?: 'close' | 'terminate';
}

export interface Gateway {
  readonly url: string;
  readonly resumeUrl: string;
  readonly sessions: GatewaySession[];
  readonly identifies: IdentifyRecord[];
  readonly resumes: ResumeRecord[];
  dispatch(event: string, data: JsonObject, target?: DispatchTarget): number;
  drop(options?: DropOptions): number;
  /** op 7: asks the client to reconnect and resume. */
  requestReconnect(): void;
  /** op 1: asks the client for an immediate heartbeat. */
  requestHeartbeat(): void;
  /** op 9 on every live connection. */
  invalidateSessions(resumable: boolean): void;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

function redact(d: unknown): unknown {
  return isRecord(d) && 'token' in d ? { ...d, token: '[redacted]' } : d;
}

export function createGateway(ctx: EmulatorContext, baseWsUrl: string): Gateway {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const sessions: GatewaySession[] = [];
  const identifies: IdentifyRecord[] = [];
  const resumes: ResumeRecord[] = [];
  const connections = new Set<GatewayConnection>();
  let nextConnectionId = 1;
  const { recorder, state } = ctx;

  const dispatchTo = (session: GatewaySession, event: string, data: unknown) => {
    session.seq += 1;
    const payload: GatewayPayload = { op: 0, t: event, s: session.seq, d: data };
    session.buffer.push(payload);
    if (session.buffer.length > REPLAY_BUFFER) session.buffer.shift();
    session.connection?.send(payload);
  };

  const identify = (conn: GatewayConnection, d: JsonObject) => {
    if (conn.session) return conn.close(4005, 'Already authenticated.');
    if (d.token !== state.bot.token) return conn.close(4004, 'Authentication failed.');
    const intents = typeof d.intents === 'number' ? d.intents : -1;
    if (intents < 0) return conn.close(4013, 'Invalid intent(s).');
    if (intents & PRIVILEGED_INTENTS & ~ctx.options.allowedPrivilegedIntents) return conn.close(4014, 'Disallowed intent(s).');
    const shard = parseShard(d.shard);
    if (!shard) return conn.close(4010, 'Invalid shard.');
    const guilds = [...state.guilds.values()].filter((g) => shardOwns(shard, g.id));
    if (guilds.length > ctx.options.sharding.maxGuildsPerSession) return conn.close(4011, 'Sharding required.');
    const session: GatewaySession = { id: randomBytes(16).toString('hex'), intents, shard, seq: 0, buffer: [], connection: conn, ended: false, identifiedAt: recorder.now() };
    sessions.push(session);
    conn.session = session;
    conn.identifyCompress = d.compress === true;
    identifies.push({
      at: recorder.now(), sessionId: session.id, intents, shard, properties: d.properties, compress: d.compress === true,
      ...(typeof d.large_threshold === 'number' ? { largeThreshold: d.large_threshold } : {}),
      ...(d.presence !== undefined ? { presence: d.presence } : {}),
    });
    dispatchTo(session, 'READY', {
      v: 10, user: { ...state.bot.user, verified: true, mfa_enabled: false, flags: 0 }, user_settings: {}, private_channels: [], presences: [],
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })), guild_join_requests: [], relationships: [],
      session_id: session.id, session_type: 'normal', resume_gateway_url: gateway.resumeUrl, shard,
      application: { id: state.bot.applicationId, flags: 1 << 23 }, geo_ordered_rtc_regions: [], auth: {},
    });
    const allMembers = (intents & GatewayIntent.GuildPresences) !== 0;
    for (const guild of guilds) dispatchTo(session, 'GUILD_CREATE', guildCreatePayload(state, guild, allMembers));
    recorder.touch();
  };

  const resume = (conn: GatewayConnection, d: JsonObject) => {
    if (d.token !== state.bot.token) return conn.close(4004, 'Authentication failed.');
    const session = sessions.find((s) => s.id === d.session_id);
    const fromSeq = typeof d.seq === 'number' ? d.seq : 0;
    const oldest = session?.buffer[0]?.s ?? 1;
    if (!session || session.ended || fromSeq > session.seq || fromSeq < oldest - 1) {
      conn.send({ op: 9, d: false, s: null, t: null });
      return;
    }
    if (session.connection && session.connection !== conn) session.connection.close(4000, 'Session resumed elsewhere.');
    session.connection = conn;
    conn.session = session;
    const missed = session.buffer.filter((p) => (p.s ?? 0) > fromSeq);
    for (const payload of missed) conn.send(payload);
    dispatchTo(session, 'RESUMED', null);
    resumes.push({ at: recorder.now(), sessionId: session.id, fromSeq, replayed: missed.length, path: conn.path });
    recorder.touch();
  };

  const requestMembers = (conn: GatewayConnection, d: JsonObject) => {
    const session = sessions.find((s) => s === conn.session);
    const guildId = String(d.guild_id ?? '');
    if (!session || !state.guilds.has(guildId) || !shardOwns(session.shard, guildId)) return;
    const query = typeof d.query === 'string' ? d.query.toLowerCase() : null;
    const userIds = Array.isArray(d.user_ids) ? d.user_ids.map(String) : null;
    const members = [...state.members.values()].filter((m) => m.guildId === guildId)
      .filter((m) => (userIds ? userIds.includes(m.userId) : (state.users.get(m.userId)?.username ?? '').toLowerCase().startsWith(query ?? '')))
      .map((m) => memberPayload(state, guildId, m.userId));
    dispatchTo(session, 'GUILD_MEMBERS_CHUNK', { guild_id: guildId, members, chunk_index: 0, chunk_count: 1, ...(typeof d.nonce === 'string' ? { nonce: d.nonce } : {}) });
  };

  const onMessage = (conn: GatewayConnection, raw: RawData) => {
    let payload: JsonObject;
    try {
      const parsed: unknown = JSON.parse(Buffer.isBuffer(raw) ? raw.toString('utf8') : Buffer.from(raw as ArrayBuffer).toString('utf8'));
      if (!isRecord(parsed) || typeof parsed.op !== 'number') throw new Error('not a payload');
      payload = parsed;
    } catch {
      return conn.close(4002, 'Error while decoding payload.');
    }
    const op = payload.op as number;
    recorder.addGateway({ direction: 'received', connectionId: conn.id, sessionId: conn.session?.id ?? null, op, d: redact(payload.d) });
    const d = isRecord(payload.d) ? payload.d : {};
    if (op === 1) return conn.send({ op: 11, d: null, s: null, t: null });
    if (op === 2) return identify(conn, d);
    if (op === 6) return resume(conn, d);
    if (!conn.session) return conn.close(4003, 'Not authenticated.');
    if (op === 8) return requestMembers(conn, d);
    if (op === 3 || op === 4) return undefined;
    return conn.close(4001, 'Unknown opcode.');
  };

  wss.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const conn = new GatewayConnection(nextConnectionId++, socket, url.pathname, recorder, url.searchParams.get('compress') === 'zlib-stream');
    connections.add(conn);
    socket.on('message', (raw) => onMessage(conn, raw));
    socket.on('error', () => undefined);
    socket.on('close', (code) => {
      connections.delete(conn);
      conn.dispose();
      const session = sessions.find((s) => s === conn.session);
      if (session && session.connection === conn) {
        session.connection = null;
        // A client that closes with 1000 or 1001 ends its session: it cannot be resumed.
        if (code === 1000 || code === 1001) session.ended = true;
      }
      recorder.addGateway({ direction: 'received', connectionId: conn.id, sessionId: session?.id ?? null, op: -1, t: 'CLOSE', d: { code } });
    });
    const version = url.searchParams.get('v');
    if (version !== '10' && version !== '9') return conn.close(4012, 'Invalid API version.');
    if ((url.searchParams.get('encoding') ?? 'json') !== 'json') return conn.close(4002, 'Only JSON encoding is emulated.');
    conn.send({ op: 10, d: { heartbeat_interval: ctx.options.heartbeatIntervalMs }, s: null, t: null });
    return undefined;
  });

  const live = () => sessions.filter((s) => !s.ended);

  const gateway: Gateway = {
    url: baseWsUrl,
    resumeUrl: `${baseWsUrl}/resume`,
    sessions,
    identifies,
    resumes,
    dispatch(event, data, target = {}) {
      let candidates = live();
      if (target.intent !== undefined) candidates = candidates.filter((s) => (s.intents & (target.intent ?? 0)) !== 0);
      // As Discord: to the shard that owns the event's guild; events without one go to shard 0.
      const guildId = target.guildId ?? (typeof data.guild_id === 'string' ? data.guild_id : undefined);
      candidates = candidates.filter((s) => shardOwns(s.shard, guildId));
      if (target.single) {
        const connected = candidates.filter((s) => s.connection);
        const pick = (connected.length > 0 ? connected : candidates).at(-1);
        candidates = pick ? [pick] : [];
      }
      for (const session of candidates) dispatchTo(session, event, data);
      return candidates.length;
    },
    drop(options = {}) {
      let dropped = 0;
      for (const conn of connections) {
        if (!conn.session) continue;
        dropped += 1;
        if (options.mode === 'terminate') conn.terminate();
        else conn.close(options.code ?? 4000, 'Dropped by the emulator.');
      }
      return dropped;
    },
    requestReconnect() {
      for (const conn of connections) if (conn.session) conn.send({ op: 7, d: null, s: null, t: null });
    },
    requestHeartbeat() {
      for (const conn of connections) if (conn.session) conn.send({ op: 1, d: null, s: null, t: null });
    },
    invalidateSessions(resumable) {
      for (const conn of connections) {
        if (!conn.session) continue;
        const session = sessions.find((s) => s === conn.session);
        if (session && !resumable) session.ended = true;
        conn.send({ op: 9, d: resumable, s: null, t: null });
      }
    },
    handleUpgrade(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    async close() {
      for (const conn of connections) conn.terminate();
      connections.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
  return gateway;
}
