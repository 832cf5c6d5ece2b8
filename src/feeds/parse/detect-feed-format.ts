import { NotAFeedError } from '../errors';
import type { FeedFormat } from '../types';

/**
 * Which parser a decoded body goes to, judged from its first significant characters: JSON for
 * `{`, else the name of the XML root element (after the declaration, comments, processing
 * instructions, a DOCTYPE and any stray text). Anything that is not rss, RDF or an Atom feed —
 * an HTML page, an error page, an OPML file, plain text — is a NotAFeedError.
 */
export function detectFeedFormat(text: string): FeedFormat {
  const start = text.search(/\S/);
  if (start < 0) throw new NotAFeedError('the body is empty');
  if (text[start] === '{') return 'json';
  if (text[start] === '[') throw new NotAFeedError('the body is a JSON array, not a JSON Feed');
  const root = findRootElement(text, start);
  if (root === undefined) throw new NotAFeedError('the body is neither XML nor JSON');
  const local = (root.split(':').pop() ?? root).toLowerCase();
  if (local === 'rss') return 'rss';
  if (local === 'rdf') return 'rdf';
  if (local === 'feed') return 'atom';
  if (HTML_ROOTS.has(local)) throw new NotAFeedError(`the body is an HTML page (<${root}>), not RSS, Atom or JSON Feed`);
  throw new NotAFeedError(`the document's root element is <${root}>, not <rss>, <rdf:RDF> or <feed>`);
}

const HTML_ROOTS = new Set(['html', 'head', 'body', 'title', 'div', 'p', 'meta', 'script', 'h1', 'center', 'table']);

/** The name of the first element, skipping prolog markup; undefined when there is none. */
function findRootElement(text: string, from: number): string | undefined {
  let i = from;
  for (;;) {
    const lt = text.indexOf('<', i);
    if (lt < 0) return undefined;
    const skipTo = skipPrologMarkup(text, lt);
    if (skipTo === undefined) {
      const name = /^<([A-Za-z_][\w.:-]*)/.exec(text.slice(lt, lt + 256))?.[1];
      if (name) return name;
      i = lt + 1;
    } else if (skipTo < 0) {
      return undefined;
    } else {
      i = skipTo;
    }
  }
}

/** Where prolog markup at `lt` ends (-1 when it never does), or undefined when `lt` starts something else. */
function skipPrologMarkup(text: string, lt: number): number | undefined {
  const close = (terminator: string) => {
    const end = text.indexOf(terminator, lt);
    return end < 0 ? -1 : end + terminator.length;
  };
  if (text.startsWith('<!--', lt)) return close('-->');
  if (text.startsWith('<?', lt)) return close('?>');
  if (text.startsWith('<!', lt)) {
    const gt = text.indexOf('>', lt);
    if (gt < 0) return -1;
    return text.slice(lt, gt).includes('[') ? close(']>') : gt + 1;
  }
  return undefined;
}
