import path from 'node:path';
import { createConsoleSink } from '../../src/console/console-sink';
import { createConsoleTransport } from '../../src/console/console-transport';
import { openPrintedJournal } from '../../src/console/printed-journal';
import { createSilentLogger } from '../../src/logger';
import { consoleDirectory } from '../../src/app';
import { createDeliveryLoop } from '../../src/posts/delivery-loop';
import type { OutboxEntry, OutboxStore } from '../../src/posts/outbox';
import { planRound } from '../../src/posts/plan-round';
import type { DeliveryEvent } from '../../src/posts/transport';
import type { KeyvFactory } from '../../src/store/open-keyv';
import { openKeyvFactory } from '../../src/store/open-keyv';
import { createOutboxStore } from '../../src/store/outbox-store';
import { makeOutboxEntry, makeStoryPost } from '../support/posts';
import { makeTempDatabase } from '../support/temp-dir';

/**
 * The delivery loop with console mode's transport, on a real SQLite outbox: what a crash between two
 * steps leaves behind is finished without a post going out twice or being lost.
 */
describe('the delivery loop (console transport, SQLite outbox)', () => {
  let db: ReturnType<typeof makeTempDatabase>;
  let keyv: KeyvFactory;
  let outbox: OutboxStore;
  let printed: string[];
  let journalFile: string;
  const now = new Date();

  beforeEach(() => {
    db = makeTempDatabase();
    keyv = openKeyvFactory(db.url, createSilentLogger());
    outbox = createOutboxStore({ outbox: keyv.namespace('outbox'), sent: keyv.namespace('sent'), skipped: keyv.namespace('skipped-posts') });
    printed = [];
    journalFile = path.join(path.dirname(db.file), 'printed');
  });
  afterEach(async () => {
    await keyv.close();
    db.cleanup();
  });

  /** A loop as a restarted process has it: a fresh journal read from the file, nothing in memory. */
  function restart(events: DeliveryEvent[] = []) {
    const sink = createConsoleSink({ json: true, write: (line) => printed.push(line) });
    return createDeliveryLoop({
      outbox, transport: createConsoleTransport(sink, openPrintedJournal(journalFile)), channels: consoleDirectory(),
      log: createSilentLogger(), now: () => now, observe: (e) => events.push(e),
    });
  }
  const story = (i: number): OutboxEntry =>
    makeOutboxEntry('console', 'console', {
      id: `story-${i}`, createdAt: now.toISOString(), nextAttemptAt: now.toISOString(),
      post: makeStoryPost({ storyId: `s${i}`, title: `Story ${i}`, link: `https://news.example/${i}` }),
    });
  const titles = () =>
    printed.map((line) => JSON.parse(line) as { type: string; story?: { title: string }; stories?: { title: string }[] })
      .flatMap((p) => (p.type === 'digest' ? (p.stories ?? []).map((s) => `digest: ${s.title}`) : [p.story?.title ?? '']));

  it('queues each post once, prints it once, and tells the observer', async () => {
    const events: DeliveryEvent[] = [];
    const loop = restart(events);
    expect(await loop.enqueue([story(1), story(1)])).toBe(1);
    expect(await loop.drain()).toMatchObject({ sent: 1 });
    expect(await loop.enqueue([story(1)])).toBe(0);
    expect(await loop.drain()).toMatchObject({ sent: 0 });
    expect(titles()).toEqual(['Story 1']);
    expect(events.filter((e) => e.type !== 'depth').map((e) => e.type)).toEqual(['queued', 'sent']);
  });

  it('a crash after the digest was stored, before the posts it folds were removed: the digest goes out, the posts do not', async () => {
    const entries = Array.from({ length: 8 }, (_, i) => story(i));
    const [digest] = planRound(entries, now, (stories) => stories.length).digests;
    await outbox.commit({ put: [...entries, digest as OutboxEntry] }); // what a crash between the two writes would leave
    await restart().drain();
    expect(titles().filter((t) => t.startsWith('digest: '))).toHaveLength(3);
    expect(titles().filter((t) => !t.startsWith('digest: '))).toHaveLength(5);
    expect(new Set(titles().map((t) => t.replace('digest: ', ''))).size).toBe(8);
    expect(await outbox.size()).toBe(0);
  });

  it('a crash after the post was recorded as sent, before it left the outbox: not printed again', async () => {
    const entry = story(1);
    await outbox.commit({ put: [entry] });
    await outbox.recordSent([{ id: entry.id, record: { messageId: 'console-story-1', channelId: 'console', at: now.toISOString() } }]);
    expect(await restart().drain()).toMatchObject({ sent: 0, dropped: 1 });
    expect(printed).toEqual([]);
    expect(await outbox.size()).toBe(0);
  });

  it('a crash while printing: a post the journal has is recorded, one it lacks is printed', async () => {
    const attempted = (entry: OutboxEntry) => ({ ...entry, attempts: 1, maybeSentSince: now.toISOString() });
    await outbox.commit({ put: [attempted(story(1)), attempted(story(2))] });
    void openPrintedJournal(journalFile).add('story-1'); // printed before the crash (the file journal writes at once)
    expect(await restart().drain()).toMatchObject({ reconciled: 1, sent: 1 });
    expect(titles()).toEqual(['Story 2']);
  });
});
