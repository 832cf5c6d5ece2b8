/**
 * The gazetteer's data files, one per entity type (src/deals/data/gazetteer/<type>.json), in the order
 * they are compiled. Listed here so that the build bundles them.
 */
import streamingJson from '../data/gazetteer/streaming.json';
import labelJson from '../data/gazetteer/label.json';
import publisherJson from '../data/gazetteer/publisher.json';
import distributorJson from '../data/gazetteer/distributor.json';
import rightsBodyJson from '../data/gazetteer/rights_body.json';
import promoterJson from '../data/gazetteer/promoter.json';
import festivalJson from '../data/gazetteer/festival.json';
import venueOperatorJson from '../data/gazetteer/venue_operator.json';
import ticketingJson from '../data/gazetteer/ticketing.json';
import telcoJson from '../data/gazetteer/telco.json';
import deviceMakerJson from '../data/gazetteer/device_maker.json';
import socialTechJson from '../data/gazetteer/social_tech.json';
import gamingJson from '../data/gazetteer/gaming.json';
import aiMusicJson from '../data/gazetteer/ai_music.json';
import mediaNetworkJson from '../data/gazetteer/media_network.json';
import investorJson from '../data/gazetteer/investor.json';
import sportsJson from '../data/gazetteer/sports.json';
import brandJson from '../data/gazetteer/brand.json';

export const GAZETTEER_FILES: unknown[] = [
  streamingJson,
  labelJson,
  publisherJson,
  distributorJson,
  rightsBodyJson,
  promoterJson,
  festivalJson,
  venueOperatorJson,
  ticketingJson,
  telcoJson,
  deviceMakerJson,
  socialTechJson,
  gamingJson,
  aiMusicJson,
  mediaNetworkJson,
  investorJson,
  sportsJson,
  brandJson,
];
