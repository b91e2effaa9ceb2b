import { LineCounter, parseDocument, visit, type Document } from 'yaml';

// The yaml package parses nesting by recursion and expands aliases on request, so a hostile file
// (a megabyte of "[", a "billion laughs" alias bomb) can exhaust the stack, memory or minutes of
// CPU before any validation runs. These limits are checked first, on the raw text, in one pass.

/** Largest sources file accepted: a real one is a few kilobytes. */
export const MAX_YAML_BYTES = 5 * 1024 * 1024;
/** Deepest bracket nesting ([ ] { }) accepted: a source entry needs three levels. */
export const MAX_FLOW_DEPTH = 32;
/** Widest indentation accepted: deep block nesting needs it, and a real file never goes past a dozen. */
export const MAX_INDENT = 120;
/** Aliases expanded at most (the yaml package's own guard against alias bombs). */
export const MAX_ALIASES = 100;

/** A limit the text broke, with the 1-based line where it did. */
export class YamlLimitError extends Error {
  constructor(
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Checks size, nesting and indentation before the yaml package sees the text. */
export function checkYamlLimits(text: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > MAX_YAML_BYTES) {
    throw new YamlLimitError(undefined, `file is ${(bytes / 1048576).toFixed(1)} MB; the limit is ${MAX_YAML_BYTES / 1048576} MB`);
  }
  let line = 1;
  let depth = 0;
  let quote: '"' | "'" | undefined;
  let atLineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n') {
      line++;
      atLineStart = true;
      indent = 0;
      continue;
    }
    if (atLineStart) {
      if (ch === ' ') {
        if (++indent > MAX_INDENT) throw new YamlLimitError(line, `indented more than ${MAX_INDENT} columns (nesting too deep)`);
        continue;
      }
      atLineStart = false;
    }
    if (quote) {
      if (quote === '"' && ch === '\\') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf('\n', i);
      i = (end === -1 ? text.length : end) - 1;
      continue;
    }
    // A quote opens a quoted scalar only where a scalar can start; inside words it is an apostrophe.
    if ((ch === '"' || ch === "'") && (i === 0 || /[\s[{,:]/.test(text[i - 1]))) quote = ch;
    else if (ch === '[' || ch === '{') {
      if (++depth > MAX_FLOW_DEPTH) throw new YamlLimitError(line, `brackets nested more than ${MAX_FLOW_DEPTH} deep`);
    } else if ((ch === ']' || ch === '}') && depth > 0) depth--;
  }
}

/** Parses YAML within the limits above; syntax errors stay on the document for the caller to report. */
export function parseBoundedYaml(text: string): { doc: Document.Parsed; lineCounter: LineCounter } {
  checkYamlLimits(text);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  return { doc, lineCounter };
}

/** The document as plain data, with alias expansion bounded; an alias bomb names the line of its first alias. */
export function boundedToJS(doc: Document.Parsed, lineCounter: LineCounter): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    let line: number | undefined;
    visit(doc, {
      Alias(_, node) {
        if (node.range) line = lineCounter.linePos(node.range[0]).line;
        return visit.BREAK;
      },
    });
    const reason = /excessive alias count/i.test(error.message)
      ? `aliases expand beyond ${MAX_ALIASES} nodes (an alias bomb), refused`
      : `bad alias: ${error.message}`;
    throw new YamlLimitError(line, reason);
  }
}
