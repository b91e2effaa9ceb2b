import { readFile, stat } from 'node:fs/promises';
import { isMap, isNode, isScalar } from 'yaml';
import { z } from 'zod';
import { boundedToJS, MAX_YAML_BYTES, parseBoundedYaml, YamlLimitError } from './bounded-yaml';
import { SOURCE_CATEGORIES, SOURCE_KINDS } from '../vocabulary';
import { parseDurationSeconds } from './duration';

// sources.yaml: what to watch. Validated with zod; every error names file, line and field.

/** Parses "15m", "1h", "30s", "1d" into whole seconds. */
export function parseInterval(text: string): number | undefined {
  return parseDurationSeconds(text, ['s', 'm', 'h', 'd'], true);
}

const Interval = z
  .string()
  .transform((value, ctx) => {
    const seconds = parseInterval(value);
    if (seconds === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not an interval like 15m, 1h or 30s` });
      return z.NEVER;
    }
    if (seconds < 30) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is shorter than the 30s minimum` });
      return z.NEVER;
    }
    return seconds;
  });

// Timeouts: "500ms", "5s", "2m". A number is seconds: that is also how a parsed file is stored,
// so a stored source validates again unchanged.
const Duration = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const seconds = typeof value === 'number' ? value : parseDurationSeconds(value, ['ms', 's', 'm']);
  if (seconds === undefined || !(seconds > 0) || seconds > 3600) {
    ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not a timeout like 500ms, 10s or 2m (at most 60m)` });
    return z.NEVER;
  }
  return seconds;
});

const HttpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an absolute http(s) URL');

const Limits = z
  .object({
    connectTimeout: Duration.optional(),
    totalTimeout: Duration.optional(),
    maxBodyBytes: z.number().int().positive().optional(),
    maxRedirects: z.number().int().min(0).max(20).optional(),
  })
  .strict();

export const SourceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a slug: lower-case letters, digits and dashes'),
    name: z.string().min(1),
    kind: z.enum(SOURCE_KINDS),
    url: HttpUrl,
    trust: z.number().int().min(0).max(100),
    category: z.enum(SOURCE_CATEGORIES),
    owner: z.string().min(1),
    interval: Interval.default(15 * 60),
    selectors: z
      .object({
        item: z.string().min(1),
        title: z.string().optional(),
        link: z.string().optional(),
        date: z.string().optional(),
        summary: z.string().optional(),
        nextPage: z.string().optional(),
        maxPages: z.number().int().min(1).max(50).optional(),
      })
      .strict()
      .optional(),
    federalRegister: z
      .object({
        agencies: z.array(z.string()).optional(),
        documentTypes: z.array(z.string()).optional(),
        terms: z.string().optional(),
        perPage: z.number().int().min(1).max(1000).optional(),
        maxPages: z.number().int().min(1).max(50).optional(),
      })
      .strict()
      .optional(),
    limits: Limits.optional(),
    fetchFullText: z.boolean().default(false),
    // The operator vouches that this source lives on a private network under a hostname
    // (`localhost`, a compose service name): it and its pages may reach non-public addresses.
    privateNetwork: z.boolean().default(false),
    tags: z.array(z.string()).default([]),
    country: z.string().optional(),
    language: z.string().optional(),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((source, ctx) => {
    if (source.kind === 'html' && !source.selectors) {
      ctx.addIssue({ code: 'custom', path: ['selectors'], message: 'an html source needs selectors (at least `item`)' });
    }
  });

/**
 * A validated sources.yaml entry with its defaults filled in (timeouts and the interval in seconds):
 * the one source type, what the file gives, what is stored (db/queries/sources.ts turns it into a row
 * and back) and what the fetch stage takes.
 */
export type Source = z.output<typeof SourceSchema>;

const SourcesFileSchema = z.array(SourceSchema).superRefine((sources, ctx) => {
  const seen = new Map<string, number>();
  sources.forEach((source, index) => {
    const previous = seen.get(source.id);
    if (previous !== undefined) {
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate id "${source.id}" (also source #${previous + 1})` });
    }
    seen.set(source.id, index);
  });
});

export class SourcesFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly field: string | undefined,
    readonly reason: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${field ? `${field}: ` : ''}${reason}`);
  }
}

/** Parses the text of a sources file; throws SourcesFileError with line and field. */
export function parseSources(text: string, file = 'sources.yaml'): Source[] {
  const { doc, lineCounter } = withLimits(file, () => parseBoundedYaml(text));
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const line = lineCounter.linePos(error.pos[0]).line;
    throw new SourcesFileError(file, line, undefined, `invalid YAML: ${error.message.split('\n')[0]}`);
  }
  let data = withLimits(file, () => boundedToJS(doc, lineCounter)) as any;
  let prefix: (string | number)[] = [];
  if (data && typeof data === 'object' && !Array.isArray(data) && 'sources' in data) {
    data = data.sources;
    prefix = ['sources'];
  }
  if (!Array.isArray(data)) {
    throw new SourcesFileError(file, 1, undefined, 'expected a list of sources (or a `sources:` key holding one)');
  }
  const parsed = SourcesFileSchema.safeParse(data);
  if (parsed.success) return parsed.data;

  const issue = parsed.error.issues[0];
  const issuePath = issue.path as (string | number)[];
  // Walk up the path until a node with a position is found (a missing field has none).
  let line: number | undefined;
  for (let depth = issuePath.length; depth >= 0 && line === undefined; depth--) {
    const node = doc.getIn([...prefix, ...issuePath.slice(0, depth)], true);
    if (isNode(node) && node.range) line = lineCounter.linePos(node.range[0]).line;
  }
  // An unknown key is reported at its own line, not at the start of the source that holds it.
  const unknownKey = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys[0] : undefined;
  if (unknownKey !== undefined) {
    const map = doc.getIn([...prefix, ...issuePath], true);
    const pair = isMap(map) ? map.items.find((p) => isScalar(p.key) && p.key.value === unknownKey) : undefined;
    if (pair && isNode(pair.key) && pair.key.range) line = lineCounter.linePos(pair.key.range[0]).line;
  }
  const index = typeof issuePath[0] === 'number' ? issuePath[0] : undefined;
  const id = index !== undefined ? (data[index] as { id?: unknown })?.id : undefined;
  const where = index !== undefined ? `source #${index + 1}${typeof id === 'string' ? ` (${id})` : ''}` : '';
  const field = issuePath.slice(1).join('.');
  throw new SourcesFileError(file, line, [where, field].filter(Boolean).join(' field ') || undefined, issue.message);
}

/** Turns a broken YAML limit into the file's error, with its line. */
function withLimits<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof YamlLimitError) throw new SourcesFileError(file, error.line, undefined, error.reason);
    throw error;
  }
}

/** Reads and validates a sources file. */
export async function loadSources(file: string): Promise<Source[]> {
  let text: string;
  try {
    // Refuse an oversized file before reading it into memory.
    const { size } = await stat(file);
    if (size > MAX_YAML_BYTES) {
      throw new SourcesFileError(file, undefined, undefined, `file is ${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_YAML_BYTES / 1048576} MB`);
    }
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof SourcesFileError) throw error;
    throw new SourcesFileError(file, undefined, undefined, `cannot read: ${(error as Error).message}`);
  }
  return parseSources(text, file);
}
