import { inlineMarkup } from '../../../src/feeds/parse/inline-markup';
import { repairXml } from '../../../src/feeds/parse/repair-xml';

describe('repairXml', () => {
  test('escapes an & that starts no entity, in text and in attribute values, and leaves entities alone', () => {
    expect(repairXml('<a x="?p=1&q=2">b&c &amp; &#38; &#x26; &eacute;</a>')).toBe('<a x="?p=1&amp;q=2">b&amp;c &amp; &#38; &#x26; &eacute;</a>');
  });

  test('escapes a < that starts no markup', () => {
    expect(repairXml('<t>a < b <= c</t>')).toBe('<t>a &lt; b &lt;= c</t>');
  });

  test('closes every element still open at a truncated end', () => {
    expect(repairXml('<rss><channel><item><title>x</title>')).toBe('<rss><channel><item><title>x</title></item></channel></rss>');
  });

  test('completes a cut end tag, drops a cut start tag and a cut comment', () => {
    expect(repairXml('<rss><channel></channel>\r\n</rss\r\n')).toBe('<rss><channel></channel>\r\n</rss>');
    expect(repairXml('<rss><item><tit')).toBe('<rss><item></item></rss>');
    expect(repairXml('<rss><title>two</')).toBe('<rss><title>two</title></rss>');
    expect(repairXml('<rss><title>a < b')).toBe('<rss><title>a &lt; b</title></rss>');
    expect(repairXml('<rss><item/><!-- Exception rendering')).toBe('<rss><item/></rss>');
  });

  test('completes a cut CDATA section, and drops one cut before it began', () => {
    expect(repairXml('<rss><title><![CDATA[partial <b>text')).toBe('<rss><title><![CDATA[partial <b>text]]></title></rss>');
    expect(repairXml('<rss><item><title><![CD\r\n')).toBe('<rss><item><title></title></item></rss>');
  });

  test('an element left open inside a closing parent becomes empty, so its followers stay in the parent', () => {
    const xml = "<channel><itunes:category text='Technology'>\n<itunes:category text='Gadgets'/>\n<item>1</item></channel>";
    expect(repairXml(xml)).toBe('<channel><itunes:category text="Technology"/>\n<itunes:category text="Gadgets"/>\n<item>1</item></channel>');
  });

  test('drops an end tag that closes nothing', () => {
    expect(repairXml('<rss><p>a</b></p></rss>')).toBe('<rss><p>a</p></rss>');
  });

  test('quotes unquoted attribute values, gives bare attributes a value, drops repeated ones', () => {
    expect(repairXml('<a href=http://x.example/?a=1 checked title="t" title="u">x</a>')).toBe('<a href="http://x.example/?a=1" checked="checked" title="t">x</a>');
  });

  test('removes characters XML 1.0 forbids, anything before the first tag, and DOCTYPEs', () => {
    expect(repairXml('\uFEFF junk <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x "y">]><rss>a\u0001b\u0008c\uFFFE</rss>'))
      .toBe('<?xml version="1.0"?><rss>abc</rss>');
  });

  test('keeps comments, CDATA and processing instructions, and drops a misplaced XML declaration', () => {
    expect(repairXml('<rss><!-- a & b --><![CDATA[x & y]]><?pi data?><?xml version="1.0"?></rss>')).toBe('<rss><!-- a & b --><![CDATA[x & y]]><?pi data?></rss>');
  });
});

describe('inlineMarkup', () => {
  test('wraps raw markup inside description and Atom xhtml content in CDATA, in order', () => {
    expect(inlineMarkup('<description>submitted by<a href="u">me</a>to<a>r</a></description>'))
      .toBe('<description><![CDATA[submitted by<a href="u">me</a>to<a>r</a>]]></description>');
    expect(inlineMarkup('<content type="xhtml"><div xmlns="x"><p>A &amp; B</p></div></content>'))
      .toBe('<content type="xhtml"><![CDATA[<div xmlns="x"><p>A &amp; B</p></div>]]></content>');
  });

  test('leaves text-only, CDATA, self-closing and escaped elements as they are', () => {
    const untouched = [
      '<description>plain &lt;b&gt; text</description>',
      '<description><![CDATA[<p>x</p>]]></description>',
      '<content type="xhtml"/><content type="html">&lt;p&gt;</content>',
      '<title>Just a title</title>',
    ];
    for (const xml of untouched) expect(inlineMarkup(xml)).toBe(xml);
  });

  test('keeps a literal "]]>" inside the wrapped markup valid', () => {
    expect(inlineMarkup('<description><b>a]]>b</b></description>')).toBe('<description><![CDATA[<b>a]]]]><![CDATA[>b</b>]]></description>');
  });
});
