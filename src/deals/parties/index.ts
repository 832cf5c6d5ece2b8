/** Parties: the one place a name a member or a query types becomes the canonical party names deals use. */
export { canonicalPartyName } from './canonical-party';
export { closestParty, isKnownParty, partyChoices } from './party-choices';
export type { PartyMatcher, PartyResolver, PartySlot } from './party-query';
export { createPartyMatcher, parsePartyQuery } from './party-query';
export { createGazetteerPartyResolver } from './party-resolver';
