import { windows1252ForC1 } from '../shared/windows-1252';
import { BOILERPLATE_ENDINGS, BOILERPLATE_LINES, TRUNCATION_MARKER } from './boilerplate';
import { decodeEntities } from './html-entities';
import { stripHtml } from './strip-html';

/**
 * Feed HTML or text to one line of plain text: tags stripped (script, style and the like with
 * their content), <br>/<p>/<li>… treated as line breaks while boilerplate lines are dropped,
 * character references decoded, windows-1252 characters smuggled in as C1 controls restored
 * ("don\u0092t" → "don’t"), invisible characters removed and whitespace folded to single spaces.
 * HTML that arrives escaped once or twice too often is unescaped and stripped in further passes.
 */
export function cleanText(htmlOrText: string): string {
  const text = unescapeNestedHtml(decodeEntities(stripHtml(demoronize(htmlOrText))));
  return text
    .split(/[\n\r\u2028\u2029]+/)
    .map(foldWhitespace)
    .filter((line) => line !== '' && !BOILERPLATE_LINES.some((pattern) => pattern.test(line)))
    .map(cutBoilerplateEnding)
    .filter((line) => line !== '')
    .join(' ');
}

const HTML_TAG = String.raw`(?:!--|\/?(?:p|div|a|br|span|img|b|i|em|strong|ul|ol|li|table|h[1-6])\b)`;
const STILL_HTML = new RegExp(`<${HTML_TAG}`, 'i');
const STILL_ESCAPED_HTML = new RegExp(`&lt;${HTML_TAG}`, 'i');

/**
 * HTML escaped once more than its container says ("&amp;lt;p&amp;gt;"; reddit does it twice):
 * after the first pass it is still HTML, or still escaped HTML. Up to two more passes undo it.
 */
function unescapeNestedHtml(text: string): string {
  let out = text;
  for (let pass = 0; pass < 2; pass += 1) {
    if (STILL_HTML.test(out)) out = decodeEntities(stripHtml(out));
    else if (STILL_ESCAPED_HTML.test(out)) out = decodeEntities(out);
    else break;
  }
  return out;
}

const C1_CONTROLS = /[\u0080-\u009f]/g;

/** C1 controls in feed text are windows-1252 bytes decoded as Latin-1 somewhere upstream. */
function demoronize(text: string): string {
  return text.replace(C1_CONTROLS, (c) => windows1252ForC1(c.charCodeAt(0)));
}

// Controls (including C1 ones windows-1252 leaves undefined), zero-width characters, soft hyphens.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u200b-\u200d\u2060\ufeff]/g;

function foldWhitespace(line: string): string {
  return line.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
}

function cutBoilerplateEnding(line: string): string {
  let out = line;
  for (const pattern of BOILERPLATE_ENDINGS) out = out.replace(pattern, '');
  if (TRUNCATION_MARKER.test(out)) out = `${out.replace(TRUNCATION_MARKER, '')}…`;
  return out === '…' ? '' : out.trim();
}
