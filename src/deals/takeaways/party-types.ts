import type { EntitySubtype, EntityType } from '../classify/gazetteer';
import { loadGazetteerEntities } from '../classify/gazetteer';

/** What kind of company a party is, as the gazetteer says. */
export interface PartyType {
  type: EntityType;
  subtype?: EntitySubtype;
}

let types: ReadonlyMap<string, PartyType> | undefined;

/** A party's type by its canonical name (read from the gazetteer once); undefined for a company it does not know. */
export function partyType(name: string): PartyType | undefined {
  types ??= new Map(loadGazetteerEntities().map((e) => [e.name, e.subtype === undefined ? { type: e.type } : { type: e.type, subtype: e.subtype }]));
  return types.get(name);
}
