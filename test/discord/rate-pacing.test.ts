import { createRequestPacer } from '../../src/discord/rate-pacing';

/** The delivery pacer on a fake clock: its window, and its share of the bot's global limit when several processes deliver. */
describe('createRequestPacer', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  /** When each of `n` requests starts, once all have. */
  async function starts(pacer: ReturnType<typeof createRequestPacer>, n: number): Promise<number[]> {
    const started: number[] = [];
    for (let i = 0; i < n; i += 1) void pacer.take().then(() => started.push(Date.now()));
    await jest.advanceTimersByTimeAsync(10_000);
    return started;
  }
  const mostInOneWindow = (times: number[], windowMs: number) => Math.max(...times.map((t) => times.filter((s) => s >= t && s < t + windowMs).length));

  it('starts at most its limit in any window, evenly spaced', async () => {
    const times = await starts(createRequestPacer({ limit: 10, windowMs: 1000 }), 30);
    expect(times).toHaveLength(30);
    expect(mostInOneWindow(times, 1000)).toBe(10);
  });

  it('keeps to its share when other processes deliver too, and to the whole limit again when alone', async () => {
    const pacer = createRequestPacer({ limit: 10, windowMs: 1000 });
    pacer.share(2);
    const shared = await starts(pacer, 20);
    expect(shared).toHaveLength(20);
    expect(mostInOneWindow(shared, 1000)).toBe(5);
    pacer.share(1);
    expect(mostInOneWindow(await starts(pacer, 30), 1000)).toBe(10);
    pacer.share(40); // never below one request per window
    expect(mostInOneWindow(await starts(pacer, 3), 1000)).toBe(1);
  });
});
