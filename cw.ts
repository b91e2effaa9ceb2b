import { scoreArticles } from './eval/claims';
const r = scoreArticles('dev', { english: true });
console.log(JSON.stringify(r.claim));
for (const e of r.errors.filter((e) => e.includes(' claim: '))) console.log(e);
