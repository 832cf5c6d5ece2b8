import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FeedSource } from '../feeds/types';

/** The sample feeds shipped for the offline demo, with their content types. */
const SAMPLES: { file: string; name: string; type: string }[] = [
  { file: 'music-business-daily.xml', name: 'Music Business Daily (sample)', type: 'application/rss+xml; charset=utf-8' },
  { file: 'label-watch.atom', name: 'Label Watch (sample)', type: 'application/atom+xml' },
  { file: 'streaming-wire.json', name: 'Streaming Wire (sample)', type: 'application/feed+json' },
];

/** The samples live beside the sources; the compiled demo reads them from there too. */
const SAMPLES_DIR = [path.join(__dirname, 'demo-feeds'), path.resolve(__dirname, '../../../src/cli/demo-feeds')].find(
  (dir) => fs.existsSync(path.join(dir, SAMPLES[0]!.file)),
);

/**
 * Sample files carry relative times ({{iso:5h}}, {{rfc822:5h}}) so their stories are always recent
 * enough to count as news, whenever the demo runs.
 */
export function renderSample(text: string, now: Date): string {
  return text.replace(/\{\{(iso|rfc822):(\d+)h\}\}/g, (_, format: string, hours: string) => {
    const date = new Date(now.getTime() - Number(hours) * 3_600_000);
    return format === 'iso' ? date.toISOString() : date.toUTCString();
  });
}

export interface DemoServer {
  feeds: FeedSource[];
  close(): Promise<void>;
}

/** Serves the sample feeds on 127.0.0.1 so the demo goes through the real fetch path. */
export async function startDemoServer(now = new Date()): Promise<DemoServer> {
  if (!SAMPLES_DIR) throw new Error('the demo sample feeds (src/cli/demo-feeds) are missing');
  const bodies = new Map(
    SAMPLES.map((sample) => [`/${sample.file}`, { type: sample.type, body: renderSample(fs.readFileSync(path.join(SAMPLES_DIR, sample.file), 'utf8'), now) }]),
  );
  const server = http.createServer((request, response) => {
    const found = bodies.get(request.url ?? '');
    if (!found) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': found.type }).end(found.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    feeds: SAMPLES.map((sample) => ({ name: sample.name, url: `http://127.0.0.1:${port}/${sample.file}` })),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
