import type { DealView } from '../../deals/stories';
import type { DealStatus } from '../../deals/types';
import { fitEmbed, LIMITS } from './limits';
import { pagingRow } from './paging';
import type { ReplyBody } from './reply-body';
import { BRAND_COLOR } from './reply-body';
import { describeStatus, kindLabel, STATUS_WORDS } from '../../deals/vocabulary';
import { discordTime, feedText, joinWithin, plural } from './text';

export const DEAL_PAGE_SIZE = 8;

export interface DealListFilters {
  status?: DealStatus;
  party?: string;
}

export interface DealListPage {
  deals: DealView[];
  total: number;
  /** 0-based. */
  page: number;
  filters: DealListFilters;
}

/** `/deal list`: one page of deals, newest activity first, with Previous/Next when there are more. */
export function renderDealList(list: DealListPage): ReplyBody {
  const pages = pageCount(list.total);
  const filter = describeFilters(list.filters);
  const empty = list.total === 0
    ? `No tracked deal${filter ? ` ${filter}` : ''} yet. Deals appear here as the feeds report them.`
    : `Nothing on this page; there ${list.total === 1 ? 'is' : 'are'} ${plural(list.total, 'deal')}.`;
  const lines = list.deals.map(dealLine);
  const embed = fitEmbed({
    title: `Tracked deals${filter ? ` ${filter}` : ''}`,
    description: lines.length > 0 ? joinWithin(lines, LIMITS.description, '\n\n') : empty,
    color: list.filters.status ? STATUS_WORDS[list.filters.status].color : BRAND_COLOR,
    footer: list.total > 0 ? { text: `Page ${list.page + 1} of ${pages} · ${plural(list.total, 'deal')} · newest activity first · /deal status for one deal` } : undefined,
  });
  const components = pages > 1 ? [pagingRow(list.page, pages, (page) => dealListCustomId(page, list.filters))] : [];
  return { embeds: [embed], components };
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / DEAL_PAGE_SIZE));
}

/** "**Netflix × Spotify** — 🤝 In talks · unconfirmed\nsince …, latest report …, Live events" */
export function dealLine(deal: DealView): string {
  const kinds = deal.kinds.length > 0 ? ` · ${deal.kinds.slice(0, 3).map(kindLabel).join(', ')}` : '';
  return `**${feedText(deal.label, 150)}** — ${describeStatus(deal.status, deal.unconfirmed)}\nsince ${discordTime(deal.since, 'D')} · latest report ${discordTime(deal.lastActivity)}${kinds}`;
}

function describeFilters(filters: DealListFilters): string {
  const parts: string[] = [];
  if (filters.party) parts.push(`with ${feedText(filters.party, 60)}`);
  if (filters.status) parts.push(`now ${STATUS_WORDS[filters.status].label.toLowerCase()}`);
  return parts.join(', ');
}

/**
 * Paging buttons. The custom id carries everything the next page needs, so any process can answer
 * the click: `deal:list:<page>:<status>:<party>` (party with "%" and ":" escaped).
 */
export function dealListCustomId(page: number, filters: DealListFilters): string {
  return ['deal', 'list', String(page), filters.status ?? '', escapeArg(filters.party ?? '')].join(':');
}

export function parseDealListArgs(args: readonly string[]): { page: number; status?: string; party?: string } | undefined {
  const [sub, page, status, party] = args;
  if (sub !== 'list' || page === undefined || !/^\d{1,6}$/.test(page)) return undefined;
  return { page: Number(page), status: status || undefined, party: party ? unescapeArg(party) : undefined };
}

/** Discord's limit on a component's custom id. */
export const CUSTOM_ID_MAX = 100;

function escapeArg(text: string): string {
  return text.replace(/%/g, '%25').replace(/:/g, '%3A');
}

function unescapeArg(text: string): string {
  return text.replace(/%3A/gi, ':').replace(/%25/g, '%');
}
