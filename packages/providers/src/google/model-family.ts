// What differs between Gemini generations: how thinking is configured, and whether function
// calls in the history must carry thought signatures.
// https://ai.google.dev/gemini-api/docs/thinking (thinkingBudget on 2.5, thinkingLevel on 3+).

export interface GeminiFamily {
  /** "budget": Gemini 2.5 (thinkingBudget); "level": Gemini 3 and later (thinkingLevel); "none": no thinking control. */
  thinking: "budget" | "level" | "none";
  /** Pro models cannot turn thinking off (2.5 Pro's smallest budget is 128; no MINIMAL level). */
  pro: boolean;
  /** Gemini 3+: a function call replayed without its signature is a 400. */
  signaturesRequired: boolean;
}

const VERSION = /^gemini-(\d+)(?:\.(\d+))?/;

export function geminiFamily(model: string): GeminiFamily {
  const match = VERSION.exec(model);
  const major = Number(match?.[1] ?? 0);
  const minor = Number(match?.[2] ?? 0);
  const pro = /-pro\b/.test(model);
  if (major >= 3) return { thinking: "level", pro, signaturesRequired: true };
  if (major === 2 && minor >= 5) return { thinking: "budget", pro, signaturesRequired: false };
  return { thinking: "none", pro, signaturesRequired: false };
}
