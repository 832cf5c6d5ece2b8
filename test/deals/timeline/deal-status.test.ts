import { foldStatus } from '../../../src/deals/timeline/deal-status';
import type { StatusPoint } from '../../../src/deals/timeline/deal-status';
import type { DealStatus } from '../../../src/deals/types';

let n = 0;
function report(at: string, status: DealStatus, unconfirmed = false, storyId?: string): StatusPoint {
  n += 1;
  return { at: `${at}T12:00:00.000Z`, status, unconfirmed, itemId: `i${String(n).padStart(4, '0')}`, storyId: storyId ?? `s${n}` };
}

function current(entries: StatusPoint[]): [DealStatus | undefined, boolean | undefined, number | undefined] {
  const c = foldStatus(entries).current;
  return [c?.status, c?.unconfirmed, c?.chapter];
}

describe('foldStatus', () => {
  it('keeps "announced" when a later report only says "reportedly in talks"', () => {
    const entries = [report('2025-01-01', 'in_talks', true), report('2025-01-10', 'announced'), report('2025-01-12', 'in_talks', true)];
    expect(current(entries)).toEqual(['announced', false, 1]);
    expect(foldStatus(entries).current?.since).toBe('2025-01-10T12:00:00.000Z');
  });

  it('moves forward on a higher stage even when unconfirmed, and a confirmation clears the hedge without moving since', () => {
    const entries = [report('2025-01-01', 'in_talks'), report('2025-01-05', 'announced', true), report('2025-01-06', 'announced')];
    const fold = foldStatus(entries);
    expect(current(entries)).toEqual(['announced', false, 1]);
    expect(fold.current?.since).toBe('2025-01-05T12:00:00.000Z');
    expect(fold.steps.map((s) => s.reason)).toEqual(['first', 'advanced', 'confirmed']);
  });

  it('an unconfirmed report of the same stage does not unconfirm a confirmed one', () => {
    expect(current([report('2025-02-01', 'announced'), report('2025-02-02', 'announced', true)])).toEqual(['announced', false, 1]);
  });

  it('ended and denied move the status', () => {
    expect(current([report('2025-01-01', 'launched'), report('2025-06-01', 'ended')])[0]).toBe('ended');
    expect(current([report('2025-01-01', 'in_talks', true), report('2025-01-03', 'denied')])[0]).toBe('denied');
    // Talks collapsing is usually reported by sources: it still ends unconfirmed talks.
    expect(current([report('2025-01-01', 'in_talks', true), report('2025-02-01', 'ended', true)])).toEqual(['ended', true, 1]);
  });

  it('an unconfirmed denial does not undo a confirmed announced deal', () => {
    expect(current([report('2025-01-01', 'announced'), report('2025-01-04', 'denied', true)])).toEqual(['announced', false, 1]);
    expect(current([report('2025-01-01', 'announced', true), report('2025-01-04', 'denied', true)])).toEqual(['denied', true, 1]);
  });

  it('opens a new chapter when talks resume after an end', () => {
    const entries = [report('2020-01-01', 'announced'), report('2020-03-01', 'ended'), report('2020-09-01', 'in_talks', true)];
    const fold = foldStatus(entries);
    expect(current(entries)).toEqual(['in_talks', true, 2]);
    expect(fold.steps.at(-1)?.reason).toBe('resumed');
    expect(fold.current?.chapterStartedAt).toBe('2020-09-01T12:00:00.000Z');
    expect(fold.chapterOf).toEqual([1, 1, 2]);
  });

  it('a rumour still circulating just after a denial does not reopen the deal', () => {
    expect(current([report('2003-04-14', 'rumored', true), report('2003-04-16', 'denied'), report('2003-04-20', 'rumored', true)])[0]).toBe('denied');
  });

  it('a late source of an older story does not move the status', () => {
    const entries = [report('2025-01-01', 'announced', false, 'deal'), report('2025-01-02', 'denied', false, 'denial'), report('2025-01-03', 'announced', false, 'deal')];
    expect(current(entries)[0]).toBe('denied');
  });

  it('the same parties more than a year later start a new chapter, even at a lower stage', () => {
    const entries = [report('2019-01-01', 'launched'), report('2025-06-01', 'in_talks', true)];
    expect(current(entries)).toEqual(['in_talks', true, 2]);
    expect(foldStatus(entries).steps.at(-1)?.reason).toBe('new_chapter');
  });

  it('sorts entries given out of order', () => {
    const late = report('2025-03-01', 'launched');
    const early = report('2025-01-01', 'announced');
    expect(current([late, early])[0]).toBe('launched');
  });
});
