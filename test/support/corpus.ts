import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared real-world corpus, beside the repository (evaluation-only sets are read from here, never copied). */
export const CORPUS_DIR = process.env.CORPUS_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus');

/** A path inside the corpus. */
export const corpusPath = (...parts: string[]) => path.join(CORPUS_DIR, ...parts);
