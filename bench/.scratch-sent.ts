import { splitSentences } from '../src/pipeline/extract/sentences';
const s = `Mr. Smith went to Washington. He met the U.S. trade representative at 3 p.m. on Jan. 5. Prices of zinc. Rose 3.5% to $4.8 billion. "I thought a lot," he said. "Is it true?" she asked. Apple Inc. said it would. It was sold to Apple Inc. The deal closed. The largest. Next one... And more! Visit https://x.com/a.b now. Chang W. Lee/The New York Times reported. He lives in the U.S. The end. No. 3 seed. Said “no.” Then left.\n\nHeading without period\n\nNext para.`;
console.log(splitSentences(s));
import { readFileSync } from 'node:fs';
const g = JSON.parse(readFileSync('/work/shared/corpus/articles/article-extraction-benchmark/ground-truth.json','utf8'));
const body = g['06e5123e4ef7cfb4533250dc45d1e03d0838fc66223f45c583c4d12f48b4da85'].articleBody;
console.log(splitSentences(body));
