// Grounding with Google Search in the mock, shaped like the Gemini API's answers
// (https://ai.google.dev/gemini-api/docs/google-search): the final candidate carries
// groundingMetadata with webSearchQueries, groundingChunks ({web: {uri, title}}; uri a
// grounding-api-redirect link, title the site's domain), groundingSupports (segment byte offsets
// into the answer's UTF-8 text, startIndex omitted when 0 as proto3 JSON omits defaults, with
// groundingChunkIndices) and a searchEntryPoint.
import type { GeminiGrounding } from "./types.ts";

type Json = Record<string, unknown>;

const DEFAULT_SOURCES = [
  { uri: "https://vertexaisearch.cloud.google.com/grounding-api-redirect/mock-source-one", title: "example.com" },
  { uri: "https://vertexaisearch.cloud.google.com/grounding-api-redirect/mock-source-two", title: "example.org" },
];
/** Non-ASCII on purpose: the offsets are bytes, not characters. */
export const GROUNDED_TEXT = "Café prices rose 5% — the first source reports it. A second source confirms it.";
const DEFAULT_SUPPORTS = [
  { text: "Café prices rose 5% — the first source reports it.", sources: [0] },
  { text: "A second source confirms it.", sources: [1, 0] },
];

export interface GroundingPlan {
  metadata: Json;
  /** Replaces the default answer when the behaviour sets no content. */
  text: string;
}

export function planGrounding(grounding: GeminiGrounding | undefined, question: string, content: string | null): GroundingPlan {
  const text = content ?? GROUNDED_TEXT;
  const sources = grounding?.sources ?? DEFAULT_SOURCES;
  const supports = grounding?.supports ?? (content === null ? DEFAULT_SUPPORTS : []);
  const groundingSupports: Json[] = [];
  for (const support of supports) {
    const at = text.indexOf(support.text);
    if (at === -1) continue;
    const startIndex = Buffer.byteLength(text.slice(0, at));
    const endIndex = startIndex + Buffer.byteLength(support.text);
    groundingSupports.push({ segment: { ...(startIndex > 0 ? { startIndex } : {}), endIndex, text: support.text }, groundingChunkIndices: support.sources });
  }
  const queries = grounding?.queries ?? [question || "web search"];
  return {
    text,
    metadata: {
      searchEntryPoint: { renderedContent: `<style>.container{}</style><div class="container">${queries.map((q) => `<a class="chip">${q}</a>`).join("")}</div>` },
      groundingChunks: sources.map((s) => ({ web: { uri: s.uri, title: s.title } })),
      groundingSupports,
      webSearchQueries: queries,
    },
  };
}
