// The Gemini API's wire shapes (v1beta REST, camelCase JSON), only the fields this adapter reads
// or writes. Source: https://ai.google.dev/api/generate-content and googleapis/js-genai src/types.ts.

export interface GeminiPart {
  text?: string;
  /** The part is a thought summary (with thinkingConfig.includeThoughts). */
  thought?: boolean;
  /** Opaque, base64: must go back with the part it came on (function calls on Gemini 3). */
  thoughtSignature?: string;
  inlineData?: { mimeType: string; data: string };
  fileData?: { mimeType?: string; fileUri: string };
  functionCall?: { name: string; args?: Record<string, unknown>; id?: string };
  functionResponse?: { name: string; response: Record<string, unknown> };
}

export interface GeminiContent {
  role: "user" | "model";
  parts: GeminiPart[];
}

export interface GeminiThinkingConfig {
  includeThoughts?: boolean;
  /** Gemini 2.5: tokens (0 off, -1 dynamic). */
  thinkingBudget?: number;
  /** Gemini 3 and later. */
  thinkingLevel?: "MINIMAL" | "LOW" | "MEDIUM" | "HIGH";
}

export interface GeminiGenerationConfig {
  temperature?: number;
  topP?: number;
  topK?: number;
  maxOutputTokens?: number;
  stopSequences?: string[];
  seed?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  candidateCount?: number;
  responseMimeType?: string;
  responseJsonSchema?: unknown;
  thinkingConfig?: GeminiThinkingConfig;
}

export interface GeminiFunctionDeclaration {
  name: string;
  description?: string;
  /** JSON Schema as is (unlike `parameters`, an OpenAPI subset that rejects unknown keywords). */
  parametersJsonSchema?: unknown;
}

export interface GeminiToolConfig {
  functionCallingConfig: { mode: "AUTO" | "ANY" | "NONE"; allowedFunctionNames?: string[] };
}

export interface GeminiRequest {
  contents: GeminiContent[];
  systemInstruction?: { parts: GeminiPart[] };
  tools?: Array<{ functionDeclarations: GeminiFunctionDeclaration[] } | { googleSearch: Record<string, never> }>;
  toolConfig?: GeminiToolConfig;
  generationConfig?: GeminiGenerationConfig;
}

export interface GeminiUsage {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
  toolUsePromptTokenCount?: number;
  totalTokenCount?: number;
}

/** Grounding with Google Search (https://ai.google.dev/api/generate-content#GroundingMetadata). */
export interface GeminiGroundingMetadata {
  webSearchQueries?: string[];
  groundingChunks?: Array<{ web?: { uri?: string; title?: string } }>;
  groundingSupports?: Array<{ segment?: { startIndex?: number; endIndex?: number; partIndex?: number; text?: string }; groundingChunkIndices?: number[] }>;
  searchEntryPoint?: { renderedContent?: string };
}

export interface GeminiCandidate {
  content?: { role?: string; parts?: GeminiPart[] };
  finishReason?: string;
  index?: number;
  groundingMetadata?: GeminiGroundingMetadata;
}

export interface GeminiResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: { blockReason?: string };
  usageMetadata?: GeminiUsage;
  modelVersion?: string;
  responseId?: string;
}
