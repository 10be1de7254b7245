// The catalog's shapes: providers, models and dated prices. Pure data, no logic.

/** Upstream wire protocols. Only openai-compatible is served today; native ones follow. */
export type Protocol = "openai-compatible" | "anthropic" | "google" | "bedrock" | "azure" | "openai-responses" | "azure-responses";

export interface ProviderAuth {
  /** Header carrying the key, lower case: "authorization" or e.g. "api-key". */
  header: string;
  /** Prefix before the key: "Bearer " for authorization headers, "" otherwise. */
  prefix: string;
}

/** A small, cheap request that proves a key works (used before a key is saved). */
export interface ValidationRequest {
  method: "GET" | "POST";
  /** Appended to baseUrl, e.g. "/models". */
  path: string;
  body?: unknown;
}

export interface ProviderQuirks {
  /** Accepts `stream_options: {include_usage: true}` and sends a usage chunk. */
  streamUsage: boolean;
  /** Parameters this upstream rejects; the gateway drops them where that is safe. */
  dropParams?: readonly string[];
  /** Rejects `max_completion_tokens`: send it as `max_tokens`. */
  maxTokensOnly?: boolean;
}

/** One field of a JSON credential object. */
export interface CredentialField {
  name: string;
  required: boolean;
  /** Secret fields are encrypted and never shown; the others are kept as readable settings. */
  secret: boolean;
  description: string;
}

export interface ProviderDefinition {
  id: string;
  name: string;
  /** Other ids clients may use for this provider (`x-byok-provider`, `<alias>/<model>`). */
  aliases?: readonly string[];
  protocol: Protocol;
  /**
   * Includes the version path; the chat path is appended: `${baseUrl}/chat/completions`. For a
   * native protocol whose adapter builds versioned paths itself (e.g. google): the root only.
   */
  baseUrl: string;
  auth: ProviderAuth;
  /** Static headers every request carries (attribution headers and the like). */
  headers?: Readonly<Record<string, string>>;
  /** "key": a plain API key; "json": a JSON object of credentials (fields in `credentialFields`). */
  credentials: "key" | "json";
  credentialFields?: readonly CredentialField[];
  /**
   * Endpoints besides chat completions the provider offers: `speech` is /v1/audio/speech,
   * `transcription` is /v1/audio/transcriptions and /v1/audio/translations.
   */
  supports?: { embeddings?: boolean; speech?: boolean; transcription?: boolean; images?: boolean; realtime?: boolean };
  /** May an organization's key carry its own base URL (the root only: the version path is appended)? */
  customBaseUrl: boolean;
  validation: ValidationRequest;
  quirks: ProviderQuirks;
  /** Where the facts above come from. */
  docsUrl: string;
}

/** USD prices as decimal strings, per million tokens unless named otherwise. */
export interface Price {
  /** First day (UTC, YYYY-MM-DD) this price applies. */
  effectiveFrom: string;
  inputPerMTok: string;
  outputPerMTok: string;
  cachedInputPerMTok?: string;
  /** Reasoning tokens, when billed differently from output. */
  reasoningPerMTok?: string;
  perRequest?: string;
  /** Audio tokens (realtime, token-priced speech and transcription models). */
  audioInputPerMTok?: string;
  cachedAudioInputPerMTok?: string;
  audioOutputPerMTok?: string;
  /** Image tokens (token-priced image models such as gpt-image-1). */
  imageInputPerMTok?: string;
  imageOutputPerMTok?: string;
  /** Speech input: USD per million characters (tts-1). */
  perMCharacters?: string;
  /** Transcription and translation: USD per minute of audio (whisper-1). */
  perMinute?: string;
  /** Transcription: each request is billed at least this many seconds of audio (Groq: 10). */
  minimumSeconds?: number;
  /** USD per image, keyed "<quality>:<size>", e.g. "hd:1024x1792". */
  perImage?: Readonly<Record<string, string>>;
  /** USD per search the provider's own web search makes (native web search). */
  perWebSearch?: string;
  /** Where the price was read (pricing page URL). */
  source: string;
}

export interface ModelOffering {
  providerId: string;
  /** The model id the upstream expects. */
  upstreamModel: string;
  /** Newest last or in any order; the one in effect at a time is chosen by effectiveFrom. */
  prices: readonly Price[];
  /** For models free at this provider: the catalog model whose price a BYOK markup is based on. */
  paidEquivalent?: string;
  /** The provider searches the web itself for this model (chat `web_search_options`, plugin engine "native"). */
  nativeWebSearch?: NativeWebSearch;
}

/**
 * A provider's own web search for one offering. `billedPer` says what one `Price.perWebSearch`
 * pays for:
 * - "search": each search the upstream reports (Anthropic's web search tool; Gemini 3's Google
 *   Search grounding, billed per executed query);
 * - "prompt": each request that searched at all, however many queries it ran (Gemini 2.5: per
 *   grounded prompt);
 * - "request": every answered request (OpenAI's search models search before every answer and
 *   report no count).
 */
export interface NativeWebSearch {
  billedPer: "search" | "prompt" | "request";
}

/** What a model does, i.e. which endpoint serves it. */
export type ModelKind = "chat" | "embedding" | "speech" | "transcription" | "image" | "realtime";

export interface ModelDefinition {
  /** Switchyard's model id, what clients send as `model`. */
  id: string;
  /** Absent: "chat". */
  kind?: ModelKind;
  name: string;
  /** OpenAI's `owned_by`: the model's author. */
  ownedBy: string;
  contextLength?: number;
  /** Providers in preference order: a bare model id tries them in this order. */
  offerings: readonly ModelOffering[];
}
