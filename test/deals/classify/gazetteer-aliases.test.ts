import artistsJson from '../../../src/deals/data/artists-and-people.json';
import commonWordsJson from '../../../src/deals/data/common-words.json';
import outletsJson from '../../../src/deals/data/outlets.json';
import personNamesJson from '../../../src/deals/data/person-names.json';
import { loadGazetteerEntities } from '../../../src/deals/classify/gazetteer';
import type { RawEntity } from '../../../src/deals/classify/gazetteer';
import { aliasCollisions, aliasUses, commonWordProblems, foldedKey } from './alias-rules';

/** Gazetteer aliases reviewed like code: no two companies share a name by accident, and common words need context. */

const lists = {
  words: new Set(commonWordsJson.words),
  firstNames: new Set(personNamesJson.firstNames.map((n) => n.toLowerCase())),
};
const entities = loadGazetteerEntities();
const entity = (e: Partial<RawEntity> & { name: string }): RawEntity => ({ type: 'label', ...e });

describe('the common-word list', () => {
  it('holds a few thousand lower-case words', () => {
    expect(lists.words.size).toBeGreaterThan(3000);
    for (const w of lists.words) expect(w).toMatch(/^[a-z'-]+$/);
  });
});

describe('alias collisions', () => {
  it('none in the data files', () => {
    expect(aliasCollisions(entities)).toEqual([]);
  });

  it('are found case-insensitively, across plain and ambiguous aliases', () => {
    expect(aliasCollisions([entity({ name: 'A', aliases: ['Nova Music'] }), entity({ name: 'B', cs: ['NOVA music'] })])).toHaveLength(1);
    expect(aliasCollisions([entity({ name: 'A', aliases: ['Nova'] }), entity({ name: 'B', ctx: [{ alias: 'Nova', words: ['radio'] }] })])).toHaveLength(1);
  });

  it('are allowed where context decides, or where one entity yields to the other', () => {
    const ctx = (name: string, words: string[]) => entity({ name, ctx: [{ alias: 'Nova', words }] });
    expect(aliasCollisions([ctx('A', ['radio']), ctx('B', ['label'])])).toEqual([]);
    expect(aliasCollisions([entity({ name: 'A', cs: ['Nova'], yieldsTo: ['B'] }), entity({ name: 'B', aliases: ['Nova'] })])).toEqual([]);
  });
});

describe('ambiguous aliases need context', () => {
  it('no plain alias in the data files is a common word or first name, nor made only of common words unless case-sensitive', () => {
    expect(commonWordProblems(entities, lists)).toEqual([]);
  });

  it('a plain common word fails, as an alias or a cs alias; a ctx alias or an all-capitals name passes', () => {
    expect(commonWordProblems([entity({ name: 'Believe', aliases: ['Believe'] })], lists)).toHaveLength(1);
    expect(commonWordProblems([entity({ name: 'Orange', cs: ['Orange'] })], lists)).toHaveLength(1);
    expect(commonWordProblems([entity({ name: 'Bugs', cs: ['Bugs'] })], lists)).toHaveLength(1);
    expect(commonWordProblems([entity({ name: 'Max', cs: ['Max'] })], lists)).toHaveLength(1);
    expect(commonWordProblems([entity({ name: 'Believe', ctx: [{ alias: 'Believe', words: ['music'] }] })], lists)).toEqual([]);
    expect(commonWordProblems([entity({ name: 'Dice', aliases: ['DICE'] })], lists)).toEqual([]);
  });

  it('a name made only of common words must be case-sensitive', () => {
    expect(commonWordProblems([entity({ name: 'Round Hill', aliases: ['Round Hill'] })], lists)).toHaveLength(1);
    expect(commonWordProblems([entity({ name: 'Round Hill', cs: ['Round Hill'] })], lists)).toEqual([]);
    expect(commonWordProblems([entity({ name: 'Round Hill', aliases: ['Round Hill Music Group'] })], lists)).toHaveLength(1);
    expect(commonWordProblems([entity({ name: 'Channel 4', aliases: ['Channel 4', 'T-Mobile', '7digital'] })], lists)).toEqual([]);
  });
});

describe('outlets', () => {
  const outletAliases = outletsJson.outlets.flatMap((o) => (o.aliases ?? []).map((alias) => ({ outlet: o.name, alias })));

  it('never share an alias with a company', () => {
    const companyKeys = new Set(entities.flatMap((e) => aliasUses(e).map((u) => foldedKey(u.alias))));
    const all = outletsJson.outlets.flatMap((o) => [...(o.aliases ?? []), ...(o.cs ?? [])]);
    expect(all.filter((a) => companyKeys.has(foldedKey(a)))).toEqual([]);
  });

  it('match a common word only as written (cs)', () => {
    const asEntities = outletAliases.map((o) => entity({ name: o.outlet, aliases: [o.alias] }));
    expect(commonWordProblems(asEntities, { words: lists.words, firstNames: new Set() })).toEqual([]);
  });
});

describe('artists, bands and people', () => {
  const names = [...artistsJson.bands, ...artistsJson.artists, ...artistsJson.people, ...artistsJson.ambiguous];

  it('list a few hundred names, each once', () => {
    expect(names.length).toBeGreaterThan(500);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('are never a company alias that counts without context', () => {
    const plain = new Set(entities.flatMap((e) => aliasUses(e).filter((u) => u.mode === 'plain').map((u) => foldedKey(u.alias))));
    expect(names.filter((n) => plain.has(foldedKey(n)))).toEqual([]);
  });

  it('keep names that are also common words apart, in the ambiguous list', () => {
    const single = [...artistsJson.bands, ...artistsJson.artists, ...artistsJson.people].filter((n) => !/\s/.test(n));
    expect(single.filter((n) => lists.words.has(n.toLowerCase()) || n.length <= 2)).toEqual([]);
  });
});
