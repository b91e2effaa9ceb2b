// Loads the entity registry: every *.yaml in a folder (or one file), validated with zod, with
// file and line in every error so a curator can find the entry.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { amendSchema, fileSchema, type RegistryEntity } from './registry-schema';
import { phraseKey, slugify } from './tokens';

export interface LoadedRegistry {
  entities: RegistryEntity[];
  ignore: string[];
}

interface Located<T> {
  value: T;
  /** File and line, computed only when a problem is reported (a lookup walks the document). */
  readonly where: string;
}

function located<T>(value: T, where: () => string): Located<T> {
  return {
    value,
    get where() {
      return where();
    },
  };
}

function parseFile(path: string): { file: z.infer<typeof fileSchema>; lineOf: (index: number, section?: string) => string } {
  const lineCounter = new LineCounter();
  // Anchors and merge keys ("<<: *team") let a file share cues and parents among many entries.
  const doc = parseDocument(readFileSync(path, 'utf8'), { lineCounter, merge: true });
  if (doc.errors.length > 0) throw new Error(`${path}: ${doc.errors[0].message}`);
  const lineOfPath = (p: (string | number)[]) => {
    const node = doc.getIn(p, true) as { range?: [number, number, number] } | undefined;
    return node?.range ? `${path}:${lineCounter.linePos(node.range[0]).line}` : path;
  };
  // The default cap of 100 alias uses guards untrusted input; the registry is our own.
  const parsed = fileSchema.safeParse(doc.toJS({ maxAliasCount: -1 }));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${lineOfPath(issue.path as (string | number)[])}: ${z.prettifyError(parsed.error)}`);
  }
  return { file: parsed.data, lineOf: (index, section = 'entities') => lineOfPath([section, index]) };
}

const asSet = (values: string[]) => new Set(values.map(phraseKey));

/** Reads and validates a registry folder (all *.yaml except outlet-trust.yaml) or one file. */
export function loadRegistry(path: string): LoadedRegistry {
  const files = statSync(path).isDirectory()
    ? readdirSync(path)
        .filter((f) => f.endsWith('.yaml') && f !== 'outlet-trust.yaml')
        .sort()
        .map((f) => join(path, f))
    : [path];
  const problems: string[] = [];
  const locatedList: Located<RegistryEntity>[] = [];
  const idRecords: Located<{ key: string; ticker?: string; cik?: string; qid?: string }>[] = [];
  const amendments: Located<z.infer<typeof amendSchema>>[] = [];
  const ignore: string[] = [];
  for (const file of files) {
    const { file: data, lineOf } = parseFile(file);
    ignore.push(...data.ignore);
    data.entities.forEach((e, i) => {
      const kind = e.kind ?? data.kind;
      const where = () => lineOf(i);
      if (!kind) return problems.push(`${where()}: ${e.name}: no kind (give one on the entry or the file)`);
      const single = [e.name, ...e.aliases].filter((a) => !a.trim().includes(' '));
      const ambiguous = e.ambiguous === true ? single : e.ambiguous === false || !e.ambiguous ? [] : e.ambiguous;
      const entity: RegistryEntity = {
        key: e.key ?? slugify(e.name),
        name: e.name,
        kind,
        aliases: e.aliases,
        parent: e.parent,
        owner: e.owner,
        caseSensitive: e.caseSensitive ?? (kind === 'person' || kind === 'country'),
        ambiguous: asSet(ambiguous),
        generic: asSet(e.generic === true ? [e.name, ...e.aliases] : (e.generic ?? [])),
        cues: (e.cues ?? []).map((c) => c.toLowerCase()),
        notNear: (e.notNear ?? []).map(phraseKey),
        demonyms: e.demonyms ?? [],
        country: e.country,
        role: e.role,
        ids: { ticker: e.ticker, cik: e.cik, qid: e.qid },
        outlet: kind === 'outlet' ? { type: e.type, fails: e.fails } : undefined,
        source: basename(file),
      };
      for (const a of ambiguous) if (![e.name, ...e.aliases].includes(a)) problems.push(`${where()}: ambiguous "${a}" is not a name or alias of ${entity.key}`);
      if (e.owner && kind !== 'outlet') problems.push(`${where()}: ${entity.key}: only outlets have an owner`);
      locatedList.push(located(entity, where));
    });
    data.ids.forEach((r, i) => idRecords.push(located(r, () => lineOf(i, 'ids'))));
    data.amend.forEach((a, i) => amendments.push(located(a, () => lineOf(i, 'amend'))));
  }
  amend(locatedList, amendments, problems);
  validate(locatedList, idRecords, problems);
  if (problems.length > 0) throw new Error(problems.slice(0, 20).join('; ') + (problems.length > 20 ? ` (and ${problems.length - 20} more)` : ''));
  return { entities: locatedList.map((l) => l.value), ignore };
}

/** Adds each amendment's context rules to the entry it names. */
function amend(list: Located<RegistryEntity>[], amendments: Located<z.infer<typeof amendSchema>>[], problems: string[]): void {
  const byKey = new Map(list.map((l) => [l.value.key, l.value]));
  for (const { value: a, where } of amendments) {
    const target = byKey.get(a.key);
    if (!target) {
      problems.push(`${where}: amendment for unknown key "${a.key}"`);
      continue;
    }
    for (const alias of a.ambiguous ?? []) {
      if ([target.name, ...target.aliases].includes(alias)) target.ambiguous.add(phraseKey(alias));
      else problems.push(`${where}: ambiguous "${alias}" is not a name or alias of ${a.key}`);
    }
    target.cues = [...target.cues, ...(a.cues ?? []).map((c) => c.toLowerCase())];
    target.notNear = [...target.notNear, ...(a.notNear ?? []).map(phraseKey)];
  }
}

function validate(list: Located<RegistryEntity>[], idRecords: Located<{ key: string; ticker?: string; cik?: string; qid?: string }>[], problems: string[]): void {
  const byKey = new Map<string, Located<RegistryEntity>>();
  for (const l of list) {
    const seen = byKey.get(l.value.key);
    if (seen) problems.push(`${l.where}: duplicate key "${l.value.key}" (first at ${seen.where})`);
    else byKey.set(l.value.key, l);
  }
  for (const r of idRecords) {
    const target = byKey.get(r.value.key)?.value;
    if (!target) problems.push(`${r.where}: ids for unknown key "${r.value.key}"`);
    else target.ids = { ...target.ids, ...Object.fromEntries(Object.entries(r.value).filter(([k, v]) => k !== 'key' && v)) };
  }
  const aliasOwner = new Map<string, string>();
  for (const l of list) {
    const e = l.value;
    if (e.parent && !byKey.has(e.parent)) problems.push(`${l.where}: ${e.key}: unknown parent "${e.parent}"`);
    if (e.country && !byKey.has(e.country)) problems.push(`${l.where}: ${e.key}: unknown country "${e.country}"`);
    for (const alias of new Set([e.name, ...e.aliases])) {
      // Case-sensitive spellings may share a folded key ("ANI" the wire, "Ani" a name) only
      // between case-sensitive entries; otherwise an alias belongs to one entity.
      const norm = `${phraseKey(alias)}${e.caseSensitive ? `|${alias}` : ''}`;
      const other = aliasOwner.get(norm) ?? aliasOwner.get(phraseKey(alias));
      if (other && other !== e.key) problems.push(`${l.where}: alias "${alias}" belongs to both ${other} and ${e.key}`);
      aliasOwner.set(norm, e.key);
      if (!e.caseSensitive) aliasOwner.set(phraseKey(alias), e.key);
    }
  }
}
