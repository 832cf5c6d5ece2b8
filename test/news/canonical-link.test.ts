import { canonicalizeLink } from '../../src/news/canonical-link';

describe('canonicalizeLink', () => {
  test('lower-cases scheme and host, drops the default port and the fragment, keeps the path as is', () => {
    expect(canonicalizeLink('HTTPS://Example.COM:443/News/Story.html#comments')).toBe('https://example.com/News/Story.html');
    expect(canonicalizeLink('http://example.com:80/a')).toBe('http://example.com/a');
    expect(canonicalizeLink('http://example.com:8080/a')).toBe('http://example.com:8080/a');
  });

  test('removes tracking parameters case-insensitively and keeps the others in order', () => {
    expect(canonicalizeLink('https://x.example/a?id=7&utm_source=rss&UTM_Medium=feed&page=2&fbclid=abc&gclid=1'))
      .toBe('https://x.example/a?id=7&page=2');
    expect(canonicalizeLink('http://www.dailymail.co.uk/news/a.html?ITO=1490&ns_mchannel=rss&ns_campaign=1490'))
      .toBe('http://www.dailymail.co.uk/news/a.html');
    expect(canonicalizeLink('https://h.example/x?wt_mc=rss.developer.beitrag.atom&WT.mc_id=1&q=k')).toBe('https://h.example/x?q=k');
    expect(canonicalizeLink('https://g.example/x?CMP=share_btn_tw&mc_cid=1&mc_eid=2&_hsenc=p&_hsmi=3&igshid=4&ref_src=twsrc&cmpid=5&ocid=6&dclid=7&msclkid=8'))
      .toBe('https://g.example/x');
  });

  test('removes feed markers only when their value says "rss" or "feed"', () => {
    expect(canonicalizeLink('http://www.nytimes.com/a.html?partner=rss&emc=rss')).toBe('http://www.nytimes.com/a.html');
    expect(canonicalizeLink('https://medium.com/p/x?source=rss----d12c403d4976--food')).toBe('https://medium.com/p/x');
    expect(canonicalizeLink('https://site.example/search?source=archive&ref=home')).toBe('https://site.example/search?source=archive&ref=home');
    expect(canonicalizeLink('http://science.example/content/1134-a?rss=1')).toBe('http://science.example/content/1134-a');
  });

  test('keeps the spelling of the parameters it keeps', () => {
    expect(canonicalizeLink('https://x.example/a?q=a+b&r=%2F&utm_campaign=z')).toBe('https://x.example/a?q=a+b&r=%2F');
    expect(canonicalizeLink('https://x.example/a?a=1&&b=2&')).toBe('https://x.example/a?a=1&b=2');
  });

  test('an address that differs only by tracking parameters has the same canonical form', () => {
    const a = canonicalizeLink('https://news.example/deal?id=1&utm_source=twitter');
    const b = canonicalizeLink('https://NEWS.example/deal?utm_medium=email&id=1#top');
    expect(a).toBe(b);
  });

  test('resolves against a base, and refuses what is not an http(s) URL', () => {
    expect(canonicalizeLink('/en/news/1?utm_source=x', 'https://www.arcgames.com/en/rss')).toBe('https://www.arcgames.com/en/news/1');
    expect(canonicalizeLink('  https://x.example/a  ')).toBe('https://x.example/a');
    expect(canonicalizeLink('javascript:alert(1)')).toBeUndefined();
    expect(canonicalizeLink('mailto:a@b.example')).toBeUndefined();
    expect(canonicalizeLink('/relative/without/base')).toBeUndefined();
    expect(canonicalizeLink('http://')).toBeUndefined();
  });
});
