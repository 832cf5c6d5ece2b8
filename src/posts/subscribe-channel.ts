import { closestParty, isKnownParty } from '../deals/parties';
import type { Scope } from '../deals/tracking-types';
import type { Subscription, SubscriptionStore } from './subscription-store';
import type { ResumeReport } from './held-posts';

/** The deals a server sees, as far as a subscription's parties need them. */
export interface PartyCheckDeps {
  scopeFor(guildId: string): Promise<Scope>;
  deals: { listDeals(scope: Scope, options: { party: string; limit: number }): Promise<{ total: number }> };
}

export type PartyCheck =
  /** Parties neither known nor seen in a deal this server sees: accepted, with a note. */
  | { ok: true; unknownParties: string[] }
  /** A near miss ("spotfy"): refused, with the likely name. */
  | { ok: false; party: string; likely: string };

/**
 * Each party of a subscription must be one Crossover can recognise: known to the classifier, or in a
 * deal this server sees. A near miss is refused with the likely name; anything else is accepted with
 * a note, since news may name a company the classifier does not know yet.
 */
export async function checkSubscriptionParties(deps: PartyCheckDeps, guildId: string, parties: readonly string[]): Promise<PartyCheck> {
  const unknownParties: string[] = [];
  const scope = await deps.scopeFor(guildId);
  for (const party of parties) {
    if (isKnownParty(party) || (await deps.deals.listDeals(scope, { party, limit: 1 })).total > 0) continue;
    const likely = closestParty(party);
    if (likely) return { ok: false, party, likely };
    unknownParties.push(party);
  }
  return { ok: true, unknownParties };
}

export interface SaveSubscriptionDeps {
  subscriptions: Pick<SubscriptionStore, 'list' | 'upsert'>;
  /** A paused channel's kept posts go out, and what it skipped is told (absent where nothing delivers). */
  resumeHeldPosts?(guildId: string, channelId: string): Promise<ResumeReport>;
}

/**
 * A channel gets posts, with its filters (created, or its filters replaced). Subscribing a paused
 * channel again resumes it: what it kept is delivered, what it skipped is reported. Too many
 * subscriptions is the store's SubscriptionLimitError.
 */
export async function saveSubscription(deps: SaveSubscriptionDeps, subscription: Subscription): Promise<{ created: boolean; resumed?: ResumeReport }> {
  const { guildId, channelId } = subscription;
  const wasPaused = (await deps.subscriptions.list(guildId)).some((s) => s.channelId === channelId && s.paused);
  const { created } = await deps.subscriptions.upsert(subscription);
  const resumed = wasPaused && deps.resumeHeldPosts ? await deps.resumeHeldPosts(guildId, channelId) : undefined;
  return { created, resumed };
}
