import { compileCues, MARKER_GROUPS, VETO_FAMILIES } from '../../../src/deals/classify/cue-data';
import { compileGazetteer } from '../../../src/deals/classify/gazetteer';
import { canonicalizePartyName } from '../../../src/deals/classify';
import { assertNoCapturingGroups, spacesToWhitespace } from '../../../src/deals/classify/pattern';

/** The data files are reviewed like code: they must load, and their shape must hold. */

describe('gazetteer', () => {
  const gaz = compileGazetteer();

  it('loads hundreds of companies with parents that exist', () => {
    expect(gaz.entities.size).toBeGreaterThan(300);
    for (const e of gaz.entities.values()) if (e.parent) expect(gaz.entities.has(e.parent)).toBe(true);
  });

  it('puts brands in their owner family', () => {
    expect(gaz.entities.get('Hulu')?.root).toBe('Disney');
    expect(gaz.entities.get('Apple Music')?.root).toBe('Apple');
    expect(gaz.entities.get('Twitch')?.root).toBe('Amazon');
  });

  it('canonicalises aliases (the eval compares parties this way)', () => {
    expect(canonicalizePartyName('UMG')).toBe('Universal Music Group');
    expect(canonicalizePartyName('Twitter')).toBe('X');
    expect(canonicalizePartyName('ViacomCBS')).toBe('Paramount');
    expect(canonicalizePartyName('Peacock')).toBe('NBCUniversal');
    expect(canonicalizePartyName('Vodafone Ireland')).toBe('Vodafone');
    expect(canonicalizePartyName('Foo Media Inc.')).toBe('Foo Media');
  });
});

describe('cue files', () => {
  it('compile, with every marker group and veto family present', () => {
    const cues = compileCues();
    expect(cues.dealCues.length).toBeGreaterThan(50);
    for (const g of MARKER_GROUPS) expect(cues.markers.has(g)).toBe(true);
    for (const f of VETO_FAMILIES) expect(cues.veto.has(f)).toBe(true);
  });

  it('reject capturing groups, which would break cue identification', () => {
    expect(() => assertNoCapturingGroups('in (talks)', 'test')).toThrow(/capturing/);
    expect(() => assertNoCapturingGroups('in (?:talks)', 'test')).not.toThrow();
  });

  it('turn spaces into whitespace runs but leave character classes alone', () => {
    expect(spacesToWhitespace('in talks')).toBe('in\\s+talks');
    expect(spacesToWhitespace('late[- ]stage')).toBe('late[- ]stage');
  });
});
