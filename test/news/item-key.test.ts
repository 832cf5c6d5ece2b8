import { contentHashKey, itemKey } from '../../src/news/item-key';

describe('itemKey', () => {
  test('the guid comes first, trimmed', () => {
    expect(itemKey({ guid: '  1600-2823 \n', link: 'https://x.example/a', title: 'T', summary: 'S' })).toBe('1600-2823');
  });

  test('without a guid, the canonical link', () => {
    expect(itemKey({ guid: '   ', link: 'https://x.example/a', title: 'T', summary: 'S' })).toBe('https://x.example/a');
  });

  test('without guid or link, a content hash of title, summary and date', () => {
    const key = itemKey({ title: 'T', summary: 'S', published: '2020-01-01T00:00:00.000Z' });
    expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(key).toBe(contentHashKey('T', 'S', '2020-01-01T00:00:00.000Z'));
  });

  test('never the title alone: same title, different text → different keys', () => {
    const a = itemKey({ title: 'Weekly update', summary: 'Netflix and Spotify' });
    const b = itemKey({ title: 'Weekly update', summary: 'UMG and TikTok' });
    const c = itemKey({ title: 'Weekly update', summary: 'Netflix and Spotify', published: '2021-01-01T00:00:00.000Z' });
    expect(new Set([a, b, c]).size).toBe(3);
    expect(a).not.toBe('Weekly update');
  });

  test('the hash ignores case and spacing, so a re-wrapped description keeps its key', () => {
    expect(itemKey({ title: 'A  Title', summary: 'Some\ntext' })).toBe(itemKey({ title: 'a title', summary: 'some text' }));
  });

  test('nothing to key on → undefined', () => {
    expect(itemKey({ title: '', summary: '' })).toBeUndefined();
    expect(itemKey({ guid: '', title: '', summary: '', published: '2020-01-01T00:00:00.000Z' })).toBeUndefined();
  });
});
