import { cleanText } from '../../src/news/clean-text';

describe('cleanText', () => {
  test('strips tags; script, style and similar lose their content; block tags separate words', () => {
    expect(cleanText('<p>Netflix and <b>Spotify</b> sign</p><p>a deal</p>')).toBe('Netflix and Spotify sign a deal');
    expect(cleanText('one<br>two<br/>three<li>four</li>')).toBe('one two three four');
    expect(cleanText('a<script type="x">alert("<p>")</script>b<style>p{color:red}</style>c')).toBe('a b c');
    expect(cleanText('<h:div><h:p>prefixed</h:p></h:div> tags')).toBe('prefixed tags');
    expect(cleanText('<a href="x" title="a > b">link</a> text <!-- hidden --> end')).toBe('link text end');
    expect(cleanText('before<svg width="1"/>after')).toBe('before after');
  });

  test('decodes named, decimal and hexadecimal references, after stripping tags', () => {
    expect(cleanText('Tom &amp; Jerry &ndash; &#8220;hi&#8221; &#x2019;s &eacute;t&eacute; &nbsp;x')).toBe('Tom & Jerry – “hi” ’s été x');
    expect(cleanText('#import &lt;objc/runtime.h&gt; if a &lt; b')).toBe('#import <objc/runtime.h> if a < b');
    expect(cleanText('&#150; &#146;')).toBe('– ’');
    expect(cleanText('&unknownentity; &amp')).toBe('&unknownentity; &');
    expect(cleanText('bad &#0; &#xD800; refs')).toBe('bad refs');
  });

  test('restores windows-1252 characters smuggled in as C1 controls (demoronize)', () => {
    expect(cleanText('don\u0092t \u0093quote\u0094 \u0085')).toBe('don’t “quote” …');
  });

  test('folds whitespace and removes invisible characters', () => {
    expect(cleanText('  a \t\n\r b\u00a0\u00a0c\u200bd\u00ade\ufeff  ')).toBe('a b cde');
  });

  test('drops boilerplate lines', () => {
    const html = [
      '<p>Spotify signs a licensing deal with the label.</p>',
      '<p>The post Spotify signs a deal appeared first on Music Business Worldwide.</p>',
      '<p><a href="x">Read more</a></p>',
      '<p>Continue reading <span>Spotify signs a deal</span> →</p>',
      '<p>[…]</p>',
      '<div class="feedflare"><a href="x"><img src="y"></a> Share on Facebook</div>',
      '<p>Click here to subscribe to our newsletter!</p>',
    ].join('\n');
    expect(cleanText(html)).toBe('Spotify signs a licensing deal with the label.');
  });

  test('cuts boilerplate endings and marks a truncation with one ellipsis', () => {
    expect(cleanText('The label confirmed the deal. Read more »')).toBe('The label confirmed the deal.');
    expect(cleanText('The label confirmed the deal and [&#8230;]')).toBe('The label confirmed the deal and…');
    expect(cleanText('The label confirmed [...]')).toBe('The label confirmed…');
  });

  test('keeps sentences that merely contain boilerplate words', () => {
    expect(cleanText('More than 50 artists read more contracts this year.')).toBe('More than 50 artists read more contracts this year.');
  });

  test('unescapes HTML that arrives escaped once or twice too often', () => {
    expect(cleanText('&lt;p&gt;Hello &amp;amp; bye&lt;/p&gt;')).toBe('Hello & bye');
    expect(cleanText('&amp;lt;!-- SC_OFF --&amp;gt;&amp;lt;div class=&amp;quot;md&amp;quot;&amp;gt;&amp;lt;p&amp;gt;A threesome&amp;lt;/p&amp;gt;')).toBe('A threesome');
  });

  test('does bounded work on pathological markup', () => {
    const css = `<div style="${'a:b;'.repeat(20000)}">text</div>`;
    const unclosed = `${'<a title="x'.repeat(5000)} tail`;
    expect(cleanText(css)).toBe('text');
    expect(cleanText(unclosed).endsWith('tail')).toBe(true);
  });
});
