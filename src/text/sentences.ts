// Sentence splitting for English news text.
//
// Why not natural's SentenceTokenizer (v8): on news copy it splits "the U.S. trade
// representative" after "U." and "S.", splits '"Is it true?" she asked.' before "she",
// and its abbreviation option matches without word boundaries, so passing "Inc." keeps
// "prices of zinc. Rose" together and "est." swallows every "largest. Next". A boundary
// here needs three facts natural does not check: terminal punctuation, then white space,
// then a capital or digit, and the word before the period must not be an abbreviation.

// Abbreviations that are followed by a name or number and never end a sentence.
const NEVER_FINAL = new Set([
  'Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'Sen', 'Sens', 'Rep', 'Reps', 'Gov', 'Gen', 'Lt', 'Col', 'Maj', 'Capt',
  'Sgt', 'Cmdr', 'Adm', 'Rev', 'Hon', 'Pres', 'Supt', 'Det', 'Insp', 'St', 'Ste', 'Mt', 'Ft', 'Messrs',
  'vs', 'v', 'approx', 'ca', 'cf', 'e.g', 'i.e', 'Fig', 'fig', 'pp', 'Vol', 'vol', 'Nos', 'Ph.D',
  'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  'Ala', 'Ariz', 'Ark', 'Calif', 'Colo', 'Conn', 'Fla', 'Ga', 'Ill', 'Ind', 'Kan', 'Kans', 'Ky',
  'Md', 'Mass', 'Mich', 'Minn', 'Miss', 'Mont', 'Neb', 'Nev', 'Okla', 'Ore', 'Pa', 'Tenn', 'Tex',
  'Va', 'Vt', 'Wis', 'Wyo',
]);

// Abbreviations that may also close a sentence ("... sold to Apple Inc. The deal ...").
const MAYBE_FINAL = new Set([
  'Inc', 'Corp', 'Co', 'Ltd', 'Bros', 'Jr', 'Sr', 'etc', 'al', 'U.S', 'U.K', 'U.N', 'E.U', 'D.C',
  'U.S.A', 'a.m', 'p.m', 'A.M', 'P.M',
]);

// After a MAYBE_FINAL abbreviation these words almost always open a new sentence.
const SENTENCE_STARTERS = new Set([
  'The', 'A', 'An', 'He', 'She', 'It', 'They', 'We', 'I', 'You', 'This', 'That', 'These', 'Those',
  'But', 'And', 'Or', 'So', 'Yet', 'In', 'On', 'At', 'For', 'As', 'If', 'When', 'While', 'After',
  'Before', 'Its', 'His', 'Her', 'Their', 'Our', 'There', 'Still', 'Meanwhile', 'However', 'Last',
  'Next', 'According', 'Some', 'Many', 'Most', 'One', 'Two', 'Shares', 'Officials', 'Analysts',
]);

// Terminal punctuation, closing quotes or brackets, white space, then what opens the
// next sentence (an optional opening quote or bracket and a capital letter or digit).
const CANDIDATE = /([.?!…]+)(["'”’)\]]*)(\s+)(?=["'“‘([]?[\p{Lu}\p{N}])/gu;
const WORD_BEFORE = /([\p{L}\p{N}]+(?:\.[\p{L}\p{N}]+)*)$/u;

function isBoundary(block: string, match: RegExpExecArray): boolean {
  const punct = match[1];
  if (punct !== '.' || match[2] !== '') return true;
  const word = WORD_BEFORE.exec(block.slice(0, match.index))?.[1];
  if (!word) return true;
  const next = /^["'“‘([]?([\p{L}\p{N}]+)/u.exec(block.slice(match.index + match[0].length))?.[1] ?? '';
  // A single capital is an initial ("Chang W. Lee"); "No." before a number is "number".
  if (/^\p{Lu}$/u.test(word)) return false;
  if (word === 'No' && /^\d/.test(next)) return false;
  if (NEVER_FINAL.has(word)) return false;
  if (MAYBE_FINAL.has(word)) return SENTENCE_STARTERS.has(next);
  // Dotted initials other than the country-style ones above: "W.M. Keck".
  if (/^(?:\p{Lu}\.)+\p{Lu}$/u.test(word)) return false;
  return true;
}

function splitBlock(block: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of block.matchAll(CANDIDATE)) {
    if (!isBoundary(block, match as RegExpExecArray)) continue;
    const end = match.index + match[1].length + match[2].length;
    sentences.push(block.slice(start, end));
    start = end + match[3].length;
  }
  sentences.push(block.slice(start));
  return sentences;
}

/** Split plain text into sentences; blank lines always end a sentence (headings, captions). */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n[ \t]*\n/)
    .map((block) => block.replace(/\s+/g, ' ').trim())
    .filter((block) => block.length > 0)
    .flatMap(splitBlock)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
