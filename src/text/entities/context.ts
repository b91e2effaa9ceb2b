// Context rules for ambiguous aliases: which nearby words support a link, and which qualify a
// generic government name with another country. Word lists are hand-picked from news usage.
import type { EntityKind } from '../../vocabulary';

/** Words near a mention that show the kind of thing meant ("Apple said", "Target shares"). */
export const KIND_CUES: Record<EntityKind, ReadonlySet<string>> = {
  company: new Set(
    `inc corp corporation co company companies ltd plc llc shares stock stocks ceo chief executive executives spokesperson spokesman spokeswoman
    said says announced announces launched launches unveiled sued sues acquired acquire acquisition bought buy deal deals earnings revenue revenues
    profit profits quarter quarterly investors analysts billion million stores store app apps iphone platform platforms startup firm giant rival rivals
    partnership customers employees workers lawsuit antitrust nasdaq nyse valuation subsidiary brand products devices services cloud software
    retailer airline airlines car cars sedan truck trucks pickup vehicle vehicles bank invest invests invested investing investment investor backed backs funding funded stake owns owned access headquarters founder founded chairman board layoffs hired hiring tech technology
    ai chip chips data users subscribers prime ads advertising market spoke speak talks met meets agreed plans
    warned denied confirmed declined comment cut cuts pay pays paid settle settles settled fined charged $ € £`.split(/\s+/),
  ),
  model: new Set('model models chatbot chatbots ai llm assistant released launched version benchmark prompt prompts trained training weights api agent agents generative'.split(' ')),
  outlet: new Set(
    'reported reports report reporting told according wrote writes published newspaper magazine editor reporter reporters columnist journalist interview op-ed story article citing cited via broke scoop newsletter podcast'.split(' '),
  ),
  agency: new Set('said announced rate rates policy officials official chair chairman governor regulator regulators interest meeting hike cut cuts rule rules ruling probe investigation'.split(' ')),
  person: new Set(['said', 'says', 'told', 'ceo', 'minister', 'president', 'senator']),
  country: new Set(['government', 'officials', 'minister', 'ministry', 'president', 'border', 'economy', 'tariffs']),
  other: new Set(['said', 'announced']),
};

/** How many tokens either side count as "near" for cues and contrary words. */
export const CUE_WINDOW = 6;
export const CONTRARY_WINDOW = 10;

/** Last words of an institution's name that may begin with a country's ("Biman Bangladesh
 * Airlines", "US Embassy"): the country is then part of that name, not a mention of its own. */
export const INSTITUTION_HEADS: ReadonlySet<string> = new Set(
  'airlines airline airways embassy consulate university college institute polytechnic academy hospital museum foundation society association federation'.split(' '),
);
