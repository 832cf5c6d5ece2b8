import { CERTAINTY_PREFIXES } from '../../src/deals/certainty-prefix';
import { containsNumber } from '../../src/deals/grounded-numbers';
import {
  renderTemplate,
  selectKindTemplates,
  selectStatusTemplates,
  TAKEAWAY_TEMPLATES,
} from '../../src/deals/takeaway-templates';
import { KINDS, STATUSES } from '../../src/deals/types';

const ALL: string[] = [
  ...Object.values(TAKEAWAY_TEMPLATES.status).flat(),
  ...Object.values(TAKEAWAY_TEMPLATES.kind).flatMap((phases) => Object.values(phases)),
];

describe('takeaway templates', () => {
  it('cover every kind (plus a general one) and every status', () => {
    expect(Object.keys(TAKEAWAY_TEMPLATES.kind).sort()).toEqual([...KINDS, 'general'].sort());
    expect(Object.keys(TAKEAWAY_TEMPLATES.status).sort()).toEqual([...STATUSES].sort());
  });

  it.each(ALL.map((t) => [t]))('"%s" adds no facts: no digits, number words or names', (t) => {
    expect(containsNumber(t)).toBe(false);
    const withoutPlaceholder = t.replace(/\{parties\}/g, '');
    expect(withoutPlaceholder).not.toMatch(/[{}]/);
    // No capitalised word at all: the only names allowed are the parties, through the placeholder.
    expect(withoutPlaceholder).not.toMatch(/\b[A-Z]/);
    expect(t).toMatch(/[.]$/);
  });

  it('fit a takeaway after the longest prefix, even with two long party names', () => {
    const longest = Math.max(...CERTAINTY_PREFIXES.map((p) => p.length));
    for (const t of ALL) {
      expect(longest + 1 + renderTemplate(t, ['Warner Bros. Discovery', 'Universal Music Group']).length).toBeLessThanOrEqual(200);
    }
  });

  it('render parties as a list, or a neutral phrase without two names', () => {
    expect(renderTemplate('between {parties}.', ['A', 'B'])).toBe('between A and B.');
    expect(renderTemplate('between {parties}.', ['A', 'B', 'C'])).toBe('between A, B and C.');
    expect(renderTemplate('between {parties}.', ['A'])).toBe('between the companies involved.');
    expect(renderTemplate('between {parties}.', null)).toBe('between the companies involved.');
    expect(renderTemplate('between {parties}.', ['A', 'B', 'C', 'D'])).toBe('between the companies involved.');
  });

  it('select by kind and phase, none for a denial', () => {
    expect(selectKindTemplates(['licensing', 'video'], 'in_talks')).toEqual([
      TAKEAWAY_TEMPLATES.kind.licensing.speculative,
      TAKEAWAY_TEMPLATES.kind.video.speculative,
    ]);
    expect(selectKindTemplates(['licensing'], 'rumored')).toEqual([TAKEAWAY_TEMPLATES.kind.licensing.speculative]);
    expect(selectKindTemplates([], 'launched')).toEqual([TAKEAWAY_TEMPLATES.kind.general.live]);
    expect(selectKindTemplates(['bundling'], 'denied')).toEqual([]);
    expect(selectStatusTemplates('denied')).toHaveLength(2);
  });
});
