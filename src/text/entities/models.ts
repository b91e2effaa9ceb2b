// AI models by pattern as well as by name: versioned names ("Claude Opus 4.7", "GPT-4o mini",
// "Gemini 2.5 Pro", "Llama 3.1 405B", "DeepSeek-R1") are too many and too new to list, so
// each family has a pattern that yields a canonical name and the developer.

export interface ModelMatch {
  start: number;
  end: number;
  /** Canonical display name, e.g. "Claude Opus 4.7". */
  name: string;
  /** Registry key of the developer. */
  developer: string;
  /** The family needs its developer named elsewhere in the text ("o3" alone is too short). */
  needsDeveloper: boolean;
}

interface Family {
  re: RegExp;
  developer: string;
  canonical: (m: RegExpExecArray) => string;
  needsDeveloper?: boolean;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const VERSION = String.raw`\d+(?:\.\d+)*`;
const CLAUDE_TIER = '(?:Opus|Sonnet|Haiku|Instant)';

const FAMILIES: Family[] = [
  {
    // "Claude Opus 4.7", "Claude 3.5 Sonnet", "Claude 4", "Claude Sonnet"
    re: new RegExp(String.raw`\bClaude(?:\s+(${CLAUDE_TIER}))?(?:\s+(${VERSION}))?(?:\s+(${CLAUDE_TIER}))?\b`, 'g'),
    developer: 'anthropic',
    canonical: (m) => squash(`Claude ${m[1] ?? ''} ${m[2] ?? ''} ${m[3] ?? ''}`),
  },
  {
    // "GPT-4o", "GPT-4o mini", "GPT-4.1", "GPT-5 Pro", "GPT-3.5 Turbo"
    re: new RegExp(String.raw`\bGPT-?(${VERSION})(o)?(?:[- ](mini|nano|Turbo|turbo|Pro|pro|Codex))?\b`, 'g'),
    developer: 'openai',
    canonical: (m) => squash(`GPT-${m[1]}${m[2] ?? ''} ${m[3] ? (/^(turbo|pro)$/i.test(m[3]) ? m[3][0].toUpperCase() + m[3].slice(1).toLowerCase() : m[3]) : ''}`),
  },
  {
    // "o1", "o3-mini", "o4-mini": only with OpenAI named nearby or elsewhere.
    re: /(?<![\w.-])o([1-9])(?:-(mini|pro|preview))?(?![\w.-])/g,
    developer: 'openai',
    canonical: (m) => `o${m[1]}${m[2] ? `-${m[2]}` : ''}`,
    needsDeveloper: true,
  },
  {
    re: new RegExp(String.raw`\bGemini\s+(${VERSION})(?:\s+(Pro|Flash-Lite|Flash|Ultra|Nano|Deep Think))?\b|\bGemini\s+(Pro|Flash|Ultra|Nano)\b`, 'g'),
    developer: 'google',
    canonical: (m) => squash(`Gemini ${m[1] ?? ''} ${m[2] ?? m[3] ?? ''}`),
  },
  { re: new RegExp(String.raw`\bGemma\s+(${VERSION})\b`, 'g'), developer: 'google', canonical: (m) => `Gemma ${m[1]}` },
  {
    // "Llama 3.1 405B", "Llama-3", "Llama 4 Maverick"
    re: new RegExp(String.raw`\bL(?:lama|LaMA)[- ]?(${VERSION})(?:\s+(\d+B|Scout|Maverick|Behemoth))?\b`, 'g'),
    developer: 'meta',
    canonical: (m) => squash(`Llama ${m[1]} ${m[2] ?? ''}`),
  },
  { re: /\bDeepSeek[- ](R\d|V\d(?:\.\d+)?|Coder(?:-V\d)?)\b/g, developer: 'deepseek', canonical: (m) => `DeepSeek-${m[1]}` },
  { re: new RegExp(String.raw`\bQwen[- ]?(${VERSION})(?:[- ](Max|Plus|Turbo|\d+B))?\b`, 'g'), developer: 'alibaba', canonical: (m) => squash(`Qwen${m[1]} ${m[2] ?? ''}`) },
  {
    re: new RegExp(String.raw`\b(Mistral|Magistral|Devstral|Codestral)\s+(Large|Medium|Small)(?:\s+(${VERSION}))?\b|\bMixtral\s+(\d+x\d+B)\b`, 'g'),
    developer: 'mistral-ai',
    canonical: (m) => (m[4] ? `Mixtral ${m[4]}` : squash(`${m[1]} ${m[2]} ${m[3] ?? ''}`)),
  },
  { re: new RegExp(String.raw`\bGrok[- ](${VERSION})(?:\s+(Heavy|mini))?\b`, 'g'), developer: 'xai', canonical: (m) => squash(`Grok ${m[1]} ${m[2] ?? ''}`) },
  { re: new RegExp(String.raw`\bPhi-(${VERSION})(?:[- ](mini|medium))?\b`, 'g'), developer: 'microsoft', canonical: (m) => squash(`Phi-${m[1]} ${m[2] ?? ''}`) },
  { re: /\bKimi[- ](K\d(?:\.\d+)?)\b/g, developer: 'moonshot-ai', canonical: (m) => `Kimi ${m[1]}` },
];

/** Versioned model names in the text, longest first where two overlap. */
export function findModelNames(text: string): ModelMatch[] {
  const found: ModelMatch[] = [];
  for (const family of FAMILIES) {
    family.re.lastIndex = 0;
    for (let m = family.re.exec(text); m; m = family.re.exec(text)) {
      const name = family.canonical(m);
      // "Claude" alone is a name the registry handles with its context rules.
      if (family.developer === 'anthropic' && name === 'Claude') continue;
      found.push({ start: m.index, end: m.index + m[0].length, name, developer: family.developer, needsDeveloper: family.needsDeveloper ?? false });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  return found.filter((m, i) => !found.slice(0, i).some((o) => o.start <= m.start && o.end >= m.end));
}
