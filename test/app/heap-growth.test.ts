import { keepHeapNearLive } from '../../src/app/heap-growth';

describe('keepHeapNearLive', () => {
  it('leaves a growing factor given on the command line alone, in either spelling', () => {
    expect(keepHeapNearLive(['--heap-growing-percent=50'])).toBe(false);
    expect(keepHeapNearLive(['--expose-gc', '--heap_growing_percent=0'])).toBe(false);
  });

  it('sets its own otherwise', () => {
    expect(keepHeapNearLive(['--expose-gc', '--max-old-space-size=512'])).toBe(true);
  });
});
