/** One WebSocket connection to the emulated gateway: ordered sends, optional zlib-stream transport
 * compression (`compress=zlib-stream`) or per-payload compression (identify `compress: true`). */
import { constants as zlibConstants, createDeflate, deflateSync } from 'node:zlib';
import type { Deflate } from 'node:zlib';
import type { WebSocket } from 'ws';
import type { Recorder } from './recorder';

export interface GatewayPayload {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

export interface SessionRef {
  id: string;
}

export class GatewayConnection {
  session: SessionRef | null = null;
  identifyCompress = false;
  closed = false;
  private queue: Promise<void> = Promise.resolve();
  private readonly deflate: Deflate | null;

  constructor(
    readonly id: number,
    readonly socket: WebSocket,
    readonly path: string,
    private readonly recorder: Recorder,
    zlibStream: boolean,
  ) {
    this.deflate = zlibStream ? createDeflate({ chunkSize: 65535 }) : null;
  }

  send(payload: GatewayPayload): void {
    if (this.closed) return;
    this.recorder.addGateway({ direction: 'sent', connectionId: this.id, sessionId: this.session?.id ?? null, op: payload.op, t: payload.t, s: payload.s, d: payload.d });
    const text = JSON.stringify(payload);
    this.queue = this.queue.then(() => this.transmit(text)).catch(() => undefined);
  }

  private transmit(text: string): Promise<void> {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return Promise.resolve();
    if (this.deflate) {
      const deflate = this.deflate;
      return new Promise((resolve) => {
        const chunks: Buffer[] = [];
        const onData = (chunk: Buffer) => chunks.push(chunk);
        deflate.on('data', onData);
        deflate.write(text);
        deflate.flush(zlibConstants.Z_SYNC_FLUSH, () => {
          deflate.off('data', onData);
          if (!this.closed && this.socket.readyState === this.socket.OPEN) this.socket.send(Buffer.concat(chunks));
          resolve();
        });
      });
    }
    if (this.identifyCompress) this.socket.send(deflateSync(text));
    else this.socket.send(text);
    return Promise.resolve();
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
  }

  terminate(): void {
    this.closed = true;
    this.socket.terminate();
  }

  dispose(): void {
    this.closed = true;
    this.deflate?.close();
  }
}
