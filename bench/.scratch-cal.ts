import { readFileSync } from 'node:fs';
import { claimSimilarity, claimTerms } from '../src/pipeline/verify/claims';
const f = JSON.parse(readFileSync('test/fixtures/verify/claim-pairs.json', 'utf8'));
for (const kind of ['same', 'different']) for (const p of f[kind]) console.log(kind.padEnd(9), claimSimilarity(p.a, p.b).toFixed(2), p.refs.join(' '), [...claimTerms(p.a)].filter(t => claimTerms(p.b).has(t)).join(','));
