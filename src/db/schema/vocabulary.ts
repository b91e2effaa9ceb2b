/** Claim (and event) status vocabulary, fixed by the design contract. */
export const CLAIM_STATUSES = ['unverified', 'single_origin', 'corroborated', 'confirmed', 'disputed', 'refuted'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const ENTITY_KINDS = ['company', 'model', 'agency', 'person', 'outlet', 'country', 'other'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

/** SQL list literal for check constraints, e.g. `'a', 'b'`. */
export const sqlList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');
