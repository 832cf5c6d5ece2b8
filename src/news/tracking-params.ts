/**
 * Query parameters that only say where a click came from, never which page it is: removed from
 * links before they are compared or stored, so that the same story with another campaign tag is
 * the same story. Matched case-insensitively. Reviewed like code; each entry says whose it is.
 */

/** Exact parameter names. */
export const TRACKING_PARAMS: readonly string[] = [
  'fbclid', // Facebook
  'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', '_ga', '_gl', // Google Ads / Analytics
  'msclkid', // Microsoft Ads
  'yclid', // Yandex
  'twclid', 'ttclid', 'li_fat_id', 'rdt_cid', // X/Twitter, TikTok, LinkedIn, Reddit ads
  'igshid', 'igsh', // Instagram share
  'mc_cid', 'mc_eid', // Mailchimp
  '_hsenc', '_hsmi', '__hssc', '__hstc', '__hsfp', 'hsctatracking', // HubSpot
  'mkt_tok', // Marketo
  'vero_id', 'vero_conv', // Vero
  'oly_anon_id', 'oly_enc_id', // Omeda
  '_openstat', // Openstat
  'ref_src', 'ref_url', // Twitter embeds
  'cmpid', 'cmp', 'ocid', 's_cid', 'icid', 'ncid', 'sr_share', // publishers' campaign ids (CNN, MSN, Adobe…)
  'ito', // Daily Mail ("?ITO=1490")
  'wt_mc', 'wt_mc_id', 'wt_zmc_nr', // Webtrends (heise "?wt_mc=rss.developer…")
  'wprss', // Washington Post RSS marker
  'at_medium', 'at_campaign', 'at_custom1', 'at_custom2', 'at_custom3', 'at_custom4', // AT Internet (BBC)
  'rss', // "?rss=1": the click came from the feed (Science, bioRxiv)
];

/** Parameter-name prefixes. */
export const TRACKING_PARAM_PREFIXES: readonly string[] = [
  'utm_', // Google Analytics campaign tags
  'ns_', // comScore ("ns_mchannel=rss&ns_campaign=1490")
  'wt.', // Webtrends ("WT.mc_id")
  'pk_', 'mtm_', 'matomo_', // Piwik / Matomo
  'hsa_', // HubSpot ads
  'itm_', // Guardian internal campaign tags
];

/**
 * Parameters that mark the click as coming from the feed only by their value: removed when the
 * value starts with "rss" or "feed" ("partner=rss&emc=rss" at the NYT, "source=rss----…" at
 * Medium), kept otherwise (a "source" or "ref" parameter can name a real page elsewhere).
 */
export const FEED_MARKER_PARAMS: readonly string[] = ['partner', 'emc', 'source', 'src', 'ref', 'from', 'via', 'medium'];

/** The values that make a FEED_MARKER_PARAMS parameter a feed marker. */
export const FEED_MARKER_VALUE = /^(?:rss|atom|feed)/i;
