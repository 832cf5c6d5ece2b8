import { shortenSentence } from '../../../src/deals/takeaways/shorten-sentence';

describe('shortenSentence', () => {
  it('leaves a short sentence whole, drops a leading connector and ends it with a full stop', () => {
    expect(shortenSentence('However, fans can now watch the concerts', 100)).toBe('Fans can now watch the concerts.');
    expect(shortenSentence('Artists get paid.', 100)).toBe('Artists get paid.');
  });

  it('drops attribution only when the sentence is too long', () => {
    const s = 'Spotify will pay songwriters more for every stream of their songs, according to people familiar with the matter.';
    expect(shortenSentence(s, 200)).toBe(s);
    expect(shortenSentence(s, 80)).toBe('Spotify will pay songwriters more for every stream of their songs.');
    expect(shortenSentence('Concerts move to Ticketmaster next season for every show, The Wall Street Journal reported on Tuesday.', 70)).toBe(
      'Concerts move to Ticketmaster next season for every show.',
    );
  });

  it('cuts at a clause boundary before cutting a word', () => {
    const s =
      'Warner Music ordered YouTube to remove all music videos by Warner artists; the impasse could affect hundreds of thousands of clips.';
    expect(shortenSentence(s, 90)).toBe('Warner Music ordered YouTube to remove all music videos by Warner artists.');
  });

  it('cuts at a comma only before an appended clause, never inside an appositive', () => {
    expect(
      shortenSentence(
        'Major labels are in talks to license their work to AI startups Udio and Suno, deals that would set a framework for paying artists.',
        100,
      ),
    ).toBe('Major labels are in talks to license their work to AI startups Udio and Suno.');
    const appositive =
      'The agreement, which also covers Instagram and Oculus, will allow users to upload videos containing music from the artists.';
    expect(shortenSentence(appositive, 90)).toMatch(/^The agreement, which also covers Instagram and Oculus, will allow .*…$/);
  });

  it('never ends a cut on a number that may have lost its scale, or on a function word', () => {
    const s = 'The investor group led by Sony agreed to pay $2.2 billion for the rights to a huge catalogue of songs and recordings';
    const out = shortenSentence(s, 60);
    expect(out).not.toBeNull();
    expect(out!.length).toBeLessThanOrEqual(60);
    expect(out).not.toMatch(/\d…$|\$…$| (?:the|of|to|for|a)…$/);
  });

  it('closes a quote left open by a cut', () => {
    const out = shortenSentence('The label described it as "an initiative to investigate new economic models for music streaming that recognise artists"', 70);
    expect(out).toMatch(/…"$/);
    expect((out!.match(/"/g) ?? []).length % 2).toBe(0);
  });

  it('gives up (null) rather than keep a fragment', () => {
    expect(shortenSentence('Supercalifragilisticexpialidocious'.repeat(5), 40)).toBeNull();
  });

  it('does not cut a subordinate clause off its main clause', () => {
    const s = 'While Snap has secured case-by-case licenses to use artists music, it is now seeking broad rights to the catalogs of labels.';
    expect(shortenSentence(s, 90)).toMatch(/^While Snap has secured .*, it is .*…$/);
  });
});

describe('shortenSentence attribution', () => {
  it('keeps "according to" when it is not an attribution', () => {
    const s = 'Spotify will pay songwriters according to a new model designed with publishers for every stream of their songs.';
    const out = shortenSentence(s, 90);
    expect(out).toMatch(/^Spotify will pay songwriters according to a new model/);
  });

  it('drops an attribution to an outlet or to unnamed people', () => {
    expect(shortenSentence('Fans will see concerts on the service from next month, according to The Wall Street Journal.', 70)).toBe(
      'Fans will see concerts on the service from next month.',
    );
    expect(shortenSentence('Fans will see concerts on the service, according to a new report from Re/code, starting soon.', 70)).toBe(
      'Fans will see concerts on the service, starting soon.',
    );
  });
});
