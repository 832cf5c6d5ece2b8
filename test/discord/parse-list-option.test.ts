import { canonicalPartyName } from '../../src/deals/parties/canonical-party';
import { MAX_LIST_ITEMS, parseKinds, parsePartyList, parseStatuses } from '../../src/discord/parse-list-option';
import { UserFacingError } from '../../src/discord/user-facing-error';

describe('comma-separated option values', () => {
  test('kinds and statuses: values, labels, any case and spacing, deduplicated', () => {
    expect(parseKinds('licensing, Live events,live-events ; PLAYLISTS & PODCASTS, Investment / acquisition')).toEqual([
      'licensing', 'live_events', 'playlists_podcasts', 'investment_acquisition',
    ]);
    expect(parseStatuses('in talks, In_Talks, announced')).toEqual(['in_talks', 'announced']);
    expect(parseKinds(null)).toEqual([]);
    expect(parseStatuses(' , ')).toEqual([]);
  });

  test('a bad value is a user-facing error naming every allowed value', () => {
    expect(() => parseStatuses('signed')).toThrow(UserFacingError);
    expect(() => parseStatuses('signed')).toThrow('"signed" is not a status. Use one or more of: `rumored`, `in_talks`, `announced`, `launched`, `ended`, `denied` (comma-separated).');
    expect(() => parseKinds('licensing, `mergers`')).toThrow(/"mergers" is not a kind/);
  });

  test('parties: canonicalised when known, kept as typed otherwise, deduplicated, bounded', () => {
    expect(parsePartyList('umg, Universal Music Group, spotify, Some Label, wmg, Sony Music Entertainment', canonicalPartyName)).toEqual([
      'Universal Music Group', 'Spotify', 'Some Label', 'Warner Music Group', 'Sony Music',
    ]);
    expect(canonicalPartyName('tiktok')).toBe('TikTok');
    expect(canonicalPartyName('  a  label we never heard of ')).toBe('a label we never heard of');
    expect(parsePartyList('  Foo   Bar ,foo bar')).toEqual(['Foo Bar']);
    expect(() => parsePartyList(Array.from({ length: MAX_LIST_ITEMS + 1 }, (_, i) => `p${i}`).join(','))).toThrow(UserFacingError);
    expect(() => parsePartyList('x'.repeat(101))).toThrow(/at most 100 characters/);
  });
});
