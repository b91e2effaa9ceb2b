// An outlet's own trust: 100 minus the weights of the NewsGuard-style criteria it fails, or a
// number pinned in outlet-trust.yaml, always with the reasons that produced it.
import { existsSync, readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { TRUST_CRITERIA, type RegistryEntity } from './registry-schema';

const trustFileSchema = z
  .object({
    criteria: z.record(z.enum(TRUST_CRITERIA), z.object({ weight: z.number().min(0).max(100), label: z.string().min(1) }).strict()),
    overrides: z.record(z.string(), z.object({ trust: z.number().min(0).max(100), reason: z.string().min(1) }).strict()).default({}),
  })
  .strict();

export type TrustFile = z.infer<typeof trustFileSchema>;

/** An outlet with its trust score and the reasons for it. */
export interface OutletTrust {
  entity: RegistryEntity;
  trust: number;
  reasons: string[];
  owner?: string;
}

/** Reads outlet-trust.yaml; a missing file means equal weights and no overrides. */
export function loadTrustFile(path: string): TrustFile | undefined {
  if (!existsSync(path)) return undefined;
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter });
  if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0].message}`);
  const parsed = trustFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const node = doc.getIn(parsed.error.issues[0].path as (string | number)[], true) as { range?: [number, number, number] } | undefined;
    const where = node?.range ? `:${lineCounter.linePos(node.range[0]).line}` : '';
    throw new Error(`${path}${where}: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** The trust of an outlet entity under the given criteria weights and overrides. */
export function outletTrust(entity: RegistryEntity, file: TrustFile | undefined): OutletTrust {
  const override = file?.overrides[entity.key];
  const fails = entity.outlet?.fails;
  if (override) return { entity, trust: override.trust, reasons: [override.reason], owner: entity.owner };
  if (!fails) return { entity, trust: 50, reasons: ['not assessed: no criteria recorded for this outlet'], owner: entity.owner };
  const criteria = file?.criteria;
  const weight = (c: (typeof TRUST_CRITERIA)[number]) => criteria?.[c]?.weight ?? 100 / TRUST_CRITERIA.length;
  const label = (c: (typeof TRUST_CRITERIA)[number]) => criteria?.[c]?.label ?? c;
  const trust = Math.round(Math.max(0, 100 - fails.reduce((sum, c) => sum + weight(c), 0)));
  const reasons = fails.length === 0 ? ['meets all nine criteria'] : fails.map((c) => `fails: ${label(c)} (−${weight(c)})`);
  if (entity.outlet?.type) reasons.push(`type: ${entity.outlet.type}`);
  return { entity, trust, reasons, owner: entity.owner };
}
