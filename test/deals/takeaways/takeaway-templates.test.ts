import { CERTAINTY_PREFIXES, backgroundPrefix } from '../../../src/deals/takeaways/certainty-prefix';
import { findDealTarget } from '../../../src/deals/takeaways/deal-target';
import { containsNumber } from '../../../src/deals/takeaways/grounded-numbers';
import type { BackgroundTemplate } from '../../../src/deals/takeaways/takeaway-templates';
import { renderTemplate, selectKindTemplates, selectStatusTemplates, TAKEAWAY_TEMPLATES } from '../../../src/deals/takeaways/takeaway-templates';
import { KINDS, STATUSES } from '../../../src/deals/types';

const ALL: BackgroundTemplate[] = [
  ...Object.values(TAKEAWAY_TEMPLATES.status).flat().map((template) => ({ template, names: {} })),
  ...Object.values(TAKEAWAY_TEMPLATES.kind).flatMap((phases) => Object.values(phases).map((template) => ({ template, names: {} }))),
  ...TAKEAWAY_TEMPLATES.fitted.flatMap((rule) => Object.values(rule.texts).map((template) => ({ template, names: {}, rule: rule.id }))),
];
const point = (template: string): BackgroundTemplate => ({ template, names: {} });

describe('takeaway templates', () => {
  it('cover every kind (plus a general one) and every status', () => {
    expect(Object.keys(TAKEAWAY_TEMPLATES.kind).sort()).toEqual([...KINDS, 'general'].sort());
    expect(Object.keys(TAKEAWAY_TEMPLATES.status).sort()).toEqual([...STATUSES].sort());
  });

  it.each(ALL.map((t) => [t.template, t]))('"%s" adds no facts: no digits, number words or names', (_text, t) => {
    expect(containsNumber(t.template)).toBe(false);
    const placeholders = [...t.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const name of placeholders) expect(name === 'parties' || name! in TAKEAWAY_TEMPLATES.roles).toBe(true);
    const withoutPlaceholders = t.template.replace(/\{\w+\}/g, '');
    expect(withoutPlaceholders).not.toMatch(/[{}]/);
    // No capitalised word but "AI": the only names allowed are the parties, through placeholders.
    expect(withoutPlaceholders.replace(/\bAI\b/g, '')).not.toMatch(/\b[A-Z]/);
    expect(t.template).toMatch(/^[a-z{]/);
    expect(t.template).toMatch(/[.]$/);
  });

  it('fit a takeaway after the longest background prefix with neutral words', () => {
    const longest = Math.max(...CERTAINTY_PREFIXES.map((p) => backgroundPrefix(p).length));
    for (const t of ALL) expect(longest + 1 + renderTemplate(t, null).length).toBeLessThanOrEqual(200);
  });

  it('render parties as a list, or a neutral phrase without two names; a role by its party or its neutral words', () => {
    expect(renderTemplate(point('between {parties}.'), ['A', 'B'])).toBe('between A and B.');
    expect(renderTemplate(point('between {parties}.'), ['A', 'B', 'C'])).toBe('between A, B and C.');
    expect(renderTemplate(point('between {parties}.'), ['A'])).toBe('between the companies involved.');
    expect(renderTemplate(point('between {parties}.'), null)).toBe('between the companies involved.');
    expect(renderTemplate(point('between {parties}.'), ['A', 'B', 'C', 'D'])).toBe('between the companies involved.');
    const named = { template: 'catalogue from {rights_holder} on {platform}.', names: { rights_holder: 'Sony Music' } };
    expect(renderTemplate(named, ['Sony Music', 'Acme Stream'])).toBe('catalogue from Sony Music on the platform.');
    expect(renderTemplate(named, null)).toBe('catalogue from the rights holder on the platform.');
  });

  it('select by kind and phase, the kind\'s own text when the parties fit no rule, none for a denial', () => {
    const unknown = ['Alpha Media', 'Beta Sound'];
    expect(selectKindTemplates(['licensing', 'video'], 'in_talks', unknown).map((t) => t.template)).toEqual([
      TAKEAWAY_TEMPLATES.kind.licensing.speculative,
      TAKEAWAY_TEMPLATES.kind.video.speculative,
    ]);
    expect(selectKindTemplates(['licensing'], 'rumored', unknown).map((t) => t.template)).toEqual([TAKEAWAY_TEMPLATES.kind.licensing.speculative]);
    expect(selectKindTemplates([], 'launched', unknown).map((t) => t.template)).toEqual([TAKEAWAY_TEMPLATES.kind.general.live]);
    expect(selectKindTemplates(['bundling'], 'denied', unknown)).toEqual([]);
    expect(selectStatusTemplates('denied')).toHaveLength(2);
  });

  it('pick the fitted text of the most specific rule the parties fit, fitted texts first', () => {
    const rules = (kinds: Parameters<typeof selectKindTemplates>[0], parties: string[], texts: string[] = []) =>
      selectKindTemplates(kinds, 'announced', parties, texts).map((t) => t.rule ?? 'kind');
    expect(rules(['licensing'], ['Universal Music Group', 'TikTok'])).toEqual(['rights-holder-platform-licence']);
    expect(rules(['licensing'], ['ASCAP', 'Twitch'])).toEqual(['rights-body-platform-licence']);
    expect(rules(['licensing'], ['Sony Music', 'Udio'])).toEqual(['ai-licence']);
    expect(rules(['video', 'live_events'], ['Netflix', 'Spotify'])).toEqual(['platform-video']);
    expect(rules(['live_events', 'ticketing'], ['YouTube', 'Ticketmaster'])).toEqual(['ticketing-on-platform']);
    expect(rules(['live_events'], ['Glastonbury', 'YouTube'])).toEqual(['live-shows-on-platform']);
    expect(rules(['bundling', 'video'], ['Vodafone', 'Netflix'])).toEqual(['telco-bundle', 'kind']);
    // An acquisition's text fits the company bought, never the buyer.
    expect(rules(['investment_acquisition'], ['Believe', 'Kobalt'], ['Believe buys music publisher Kobalt'])).toEqual(['acquisition-of-publisher']);
    expect(rules(['investment_acquisition'], ['Believe', 'Kobalt'], ['Kobalt buys Believe'])).toEqual(['acquisition-of-distributor']);
    expect(rules(['investment_acquisition'], ['Believe', 'Kobalt'], ['Believe and Kobalt in merger talks'])).toEqual(['kind']);
  });
});

describe('which party a deal buys or sells', () => {
  const parties = ['Sony Music', 'Believe', 'DistroKid'];
  it.each([
    ['Sony Music buys DistroKid', 'DistroKid'],
    ['Sony Music agrees to acquire independent distributor DistroKid', 'DistroKid'],
    ['DistroKid to be acquired by Sony Music', 'DistroKid'],
    ['Sony Music pulls out of the Believe takeover race', 'Believe'],
    ['Believe is bought by Sony Music', 'Believe'],
    ['Sony Music agrees to sell DistroKid to Believe', 'DistroKid'],
    ['Sony Music\'s acquisition of DistroKid closes', 'DistroKid'],
  ])('"%s": %s', (title, target) => {
    expect(findDealTarget([title], parties)).toBe(target);
  });

  it('reads no buyer as bought, and finds none where the text names none', () => {
    expect(findDealTarget(['DistroKid bought by Sony Music'], parties)).toBe('DistroKid');
    expect(findDealTarget(['Sony Music and Believe sign a licensing deal'], parties)).toBeUndefined();
    expect(findDealTarget(['Sony Music and DistroKid partner', 'The deal follows Sony Music\'s purchase of a stake in Believe.'], parties)).toBe('Believe');
  });
});
