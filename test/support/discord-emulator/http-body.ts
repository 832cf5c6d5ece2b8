/** Reads a request body: JSON, or multipart/form-data with payload_json and files (as discord.js
 * sends attachments). */
import type { IncomingMessage } from 'node:http';
import { DiscordHttpError } from './discord-error';
import type { RecordedFile } from './recorder';

const MAX_BODY_BYTES = 25 * 1024 * 1024;

export interface ParsedBody {
  body: unknown;
  files: RecordedFile[];
}

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new DiscordHttpError(413, { message: 'Request entity too large', code: 40005 });
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function invalidJson(): DiscordHttpError {
  return new DiscordHttpError(400, { message: 'The request body contains invalid JSON.', code: 50109 });
}

async function parseMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  const form = await new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
  let body: Record<string, unknown> = {};
  const files: RecordedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field === 'payload_json') {
        try {
          body = { ...body, ...(JSON.parse(value) as Record<string, unknown>) };
        } catch {
          throw invalidJson();
        }
      } else body[field] = value;
    } else {
      files.push({ field, filename: value.name, size: value.size, contentType: value.type || 'application/octet-stream' });
    }
  }
  return { body, files };
}

export async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const raw = await readRaw(req);
  if (raw.length === 0) return { body: undefined, files: [] };
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) return parseMultipart(raw, contentType);
  try {
    return { body: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
  } catch {
    throw invalidJson();
  }
}
