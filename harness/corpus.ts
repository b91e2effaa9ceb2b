import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Where the shared real-world corpus is: $CORPUS_DIR, else `shared/corpus` beside the repository
 * or beside any folder above it, else where this kind of machine keeps it (/work/shared/corpus),
 * so a clone anywhere finds it. Evaluation-only sets are read from here, never copied.
 */
function findCorpus(): string {
  if (process.env.CORPUS_DIR) return path.resolve(process.env.CORPUS_DIR);
  const candidates: string[] = [];
  for (let dir = REPO_ROOT; ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'shared', 'corpus'));
    if (dir === path.dirname(dir)) break;
  }
  candidates.push('/work/shared/corpus');
  const found = candidates.find((candidate) => existsSync(path.join(candidate, 'MANIFEST.md')));
  if (!found) throw new Error(`the shared corpus was not found (looked in ${[...new Set(candidates)].join(', ')}): set CORPUS_DIR`);
  return found;
}

export const CORPUS_DIR = findCorpus();

/** A path inside the corpus. */
export const corpusPath = (...parts: string[]) => path.join(CORPUS_DIR, ...parts);
