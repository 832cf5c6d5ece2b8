import { compileCues, MARKER_GROUPS, VETO_FAMILIES } from '../../../src/deals/classify/cue-data';
import { ENTITY_TYPES, compileGazetteer, loadGazetteerEntities } from '../../../src/deals/classify/gazetteer';
import { GAZETTEER_FILES } from '../../../src/deals/classify/gazetteer-files';
import { canonicalizePartyName } from '../../../src/deals/classify';
import { assertNoCapturingGroups, spacesToWhitespace } from '../../../src/deals/classify/pattern';

/** The data files are reviewed like code: they must load, and their shape must hold. */

describe('gazetteer', () => {
  const gaz = compileGazetteer();

  it('loads hundreds of companies with parents that exist', () => {
    expect(gaz.entities.size).toBeGreaterThan(300);
    for (const e of gaz.entities.values()) if (e.parent) expect(gaz.entities.has(e.parent)).toBe(true);
  });

  it('has one file per entity type, each declaring its type', () => {
    const types = GAZETTEER_FILES.map((f) => (f as { type: string }).type);
    expect([...types].sort()).toEqual([...ENTITY_TYPES].sort());
  });

  it('rejects an unknown type, a missing or foreign subtype, an entity with no alias and unknown keys', () => {
    const file = (type: string, entity: object) => [{ _doc: 'test', type, entities: [entity] }];
    expect(() => loadGazetteerEntities(file('label', { name: 'A', aliases: ['A'] }))).not.toThrow();
    expect(() => loadGazetteerEntities(file('record_label', { name: 'A', aliases: ['A'] }))).toThrow();
    expect(() => loadGazetteerEntities(file('streaming', { name: 'A', aliases: ['A'] }))).toThrow(/needs a subtype/);
    expect(() => loadGazetteerEntities(file('label', { name: 'A', subtype: 'audio', aliases: ['A'] }))).toThrow(/no subtype/);
    expect(() => loadGazetteerEntities(file('label', { name: 'A' }))).toThrow(/no alias/);
    expect(() => loadGazetteerEntities(file('label', { name: 'A', aliases: ['A'], owner: 'B' }))).toThrow();
  });

  it('rejects parents that do not exist and parent cycles', () => {
    const file = (entities: object[]) => [{ _doc: 'test', type: 'label', entities }];
    expect(() => compileGazetteer(file([{ name: 'A', aliases: ['A'], parent: 'B' }]))).toThrow(/unknown parent/);
    const cycle = [
      { name: 'A', aliases: ['A'], parent: 'B' },
      { name: 'B', aliases: ['B'], parent: 'A' },
    ];
    expect(() => compileGazetteer(file(cycle))).toThrow(/cycle/);
    expect(compileGazetteer(file([{ name: 'A', aliases: ['A'], parent: 'B' }, { name: 'B', aliases: ['B'] }])).entities.get('A')?.root).toBe('B');
  });

  it('computes scope from type and subtype: general tech and game publishers are not media', () => {
    expect(gaz.entities.get('Spotify')?.media).toBe(true);
    expect(gaz.entities.get('TikTok')?.media).toBe(true);
    expect(gaz.entities.get('Microsoft')?.media).toBe(false);
    expect(gaz.entities.get('Electronic Arts')?.media).toBe(false);
    expect(gaz.entities.get('Roblox')?.media).toBe(true);
    expect(gaz.entities.get('Vodafone')?.media).toBe(false);
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
