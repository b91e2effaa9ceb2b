import { z } from 'zod';
import { ENTITY_KINDS, type EntityKind } from '../../vocabulary';

// The shape of one registry file (src/text/registry/*.yaml), validated at load.

export const OUTLET_TYPES = ['wire', 'newspaper', 'broadcaster', 'magazine', 'digital', 'trade', 'tabloid', 'state', 'press-release', 'aggregator', 'blog'] as const;
export type OutletType = (typeof OUTLET_TYPES)[number];

/** NewsGuard-style criteria an outlet can fail; weights live in outlet-trust.yaml. */
export const TRUST_CRITERIA = ['false-content', 'responsible', 'corrections', 'news-opinion', 'headlines', 'ownership', 'ads', 'management', 'authors'] as const;
export type TrustCriterion = (typeof TRUST_CRITERIA)[number];

const words = z.array(z.string().min(1));

export const entrySchema = z
  .object({
    key: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'key must be a lower-case slug').optional(),
    name: z.string().min(1),
    kind: z.enum(ENTITY_KINDS).optional(),
    aliases: words.default([]),
    parent: z.string().optional(),
    owner: z.string().min(1).optional(),
    caseSensitive: z.boolean().optional(),
    /** Aliases that are also common words or names: they link only with supporting context. */
    ambiguous: z.union([z.boolean(), words]).optional(),
    /** Aliases any government uses ("Treasury"): refused when another country qualifies them. */
    generic: z.union([z.literal(true), words]).optional(),
    /** Words near a mention that support an ambiguous alias, beyond its kind's usual cues. */
    cues: words.optional(),
    /** Words near a mention that mean something else ("river" for Amazon). */
    notNear: words.optional(),
    demonyms: words.optional(),
    country: z.string().optional(),
    role: z.string().optional(),
    ticker: z.string().min(1).optional(),
    cik: z.string().regex(/^\d{1,10}$/, 'a CIK is up to 10 digits').optional(),
    qid: z.string().regex(/^Q\d+$/, 'a Wikidata id looks like Q95').optional(),
    type: z.enum(OUTLET_TYPES).optional(),
    fails: z.array(z.enum(TRUST_CRITERIA)).optional(),
  })
  .strict();

export const idsSchema = z
  .object({ key: z.string(), ticker: z.string().optional(), cik: z.string().regex(/^\d{1,10}$/).optional(), qid: z.string().regex(/^Q\d+$/).optional() })
  .strict();

// Context rules added to an entry of another file, by key: a generated list (companies-us.yaml)
// is not edited by hand, so its aliases that are also other things get their rules here.
export const amendSchema = z
  .object({ key: z.string(), ambiguous: words.optional(), cues: words.optional(), notNear: words.optional() })
  .strict();

export const fileSchema = z
  .object({
    kind: z.enum(ENTITY_KINDS).optional(),
    ignore: words.default([]),
    entities: z.array(entrySchema).min(1),
    ids: z.array(idsSchema).default([]),
    amend: z.array(amendSchema).default([]),
  })
  .strict();

export type RegistryFile = z.infer<typeof fileSchema>;

/** One entity of the registry, after defaults and validation. */
export interface RegistryEntity {
  key: string;
  name: string;
  kind: EntityKind;
  aliases: string[];
  parent?: string;
  owner?: string;
  caseSensitive: boolean;
  /** Normalised phrase keys of the aliases that need context. */
  ambiguous: Set<string>;
  generic: Set<string>;
  cues: string[];
  notNear: string[];
  demonyms: string[];
  country?: string;
  role?: string;
  ids: { ticker?: string; cik?: string; qid?: string };
  outlet?: { type?: OutletType; fails?: TrustCriterion[] };
  /** Registry file it came from, or "candidate" for an accepted candidate. */
  source: string;
}
