import { createKeyedLimiter, createLimiter } from '../../src/shared/limit-concurrency';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createLimiter', () => {
  it('never runs more than max tasks at once and runs them all', async () => {
    const limit = createLimiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          running += 1;
          peak = Math.max(peak, running);
          await tick();
          running -= 1;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('frees the slot when a task throws', async () => {
    const limit = createLimiter(1);
    await expect(limit(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit(async () => 'next')).resolves.toBe('next');
  });

  it('limits per key independently', async () => {
    const limit = createKeyedLimiter(1);
    const order: string[] = [];
    await Promise.all(
      ['a', 'a', 'b'].map((key, i) =>
        limit(key, async () => {
          order.push(`start ${key}${i}`);
          await tick();
          order.push(`end ${key}${i}`);
        }),
      ),
    );
    expect(order.indexOf('start a1')).toBeGreaterThan(order.indexOf('end a0'));
    expect(order.indexOf('start b2')).toBeLessThan(order.indexOf('end a0'));
  });
});
