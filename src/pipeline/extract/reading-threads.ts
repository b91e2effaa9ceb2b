// Reading threads: readArticle (read-article.ts) on a pool of worker threads (piscina), so the
// process's own thread, which every stage's queue and database round trips share, is not held
// for the tens of milliseconds each article's reading takes. Clustering runs one article at a
// time across all workers; each of its round trips waited behind whatever reading held the thread.
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { ArticleReading, ArticleToRead } from './read-article';

export interface ReadingThreads {
  read(input: ArticleToRead): Promise<ArticleReading>;
  close(): Promise<void>;
}

// The thread's entry: a plain ES module that loads the TypeScript through tsx, as bin/ does.
const ENTRY = fileURLToPath(new URL('./reading-thread.mjs', import.meta.url));

/** A pool of `threads` reading threads, started now and kept until closed. */
export function startReadingThreads(threads: number): ReadingThreads {
  const pool = new Piscina({ filename: ENTRY, minThreads: threads, maxThreads: threads, idleTimeout: Infinity });
  return {
    read: (input) => pool.run(input) as Promise<ArticleReading>,
    close: () => pool.close(),
  };
}
