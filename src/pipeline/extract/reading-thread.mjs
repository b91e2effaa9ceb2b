// One reading thread (reading-threads.ts): readArticle, loaded through tsx's loader (a worker
// thread does not inherit the loader its process registered).
import { register } from 'tsx/esm/api';

register();
const { readArticle } = await import('./read-article.ts');

export default readArticle;
