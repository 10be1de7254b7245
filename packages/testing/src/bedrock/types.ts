// The public types of the mock Bedrock Runtime (see server.ts).

/** Test credentials the mock accepts by default (the secret is known, so signatures are recomputed). */
export const MOCK_AWS_CREDENTIALS = {
  accessKeyId: "AKIAMOCKBEDROCK00001",
  secretAccessKey: "mock/bedrock+secret0123456789abcdefghijKL",
  region: "us-east-1",
} as const;

export interface BedrockToolUse {
  name: string;
  input: Record<string, unknown>;
  /** Defaults to a fresh "tooluse_…" id. */
  toolUseId?: string;
}

export interface BedrockTokenUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
}

/** How the mock answers one Converse / ConverseStream request; every field is optional. */
export interface BedrockBehaviour {
  /** The reply text. Default: "Hello from mock Bedrock (<model id>)." or, with outputConfig json_schema, valid JSON. */
  text?: string;
  /** Streaming pieces of the text: a count, or the pieces themselves (their join is the text). */
  chunks?: number | string[];
  /** Reasoning text (a reasoningContent block with a signature, before the answer). */
  reasoning?: string;
  /** Reply with toolUse blocks and stopReason tool_use. `[]`: the request's first tool with schema-valid input. */
  toolUses?: BedrockToolUse[];
  /** An HTTP error: the x-amzn-ErrorType (e.g. "ThrottlingException") and optionally status and message. */
  error?: { type: string; status?: number; message?: string };
  /** ConverseStream: an exception event (e.g. "throttlingException") after this many events (0: first). */
  streamException?: { type: string; message?: string; afterEvents: number };
  stopReason?: string;
  /** Overrides of the computed usage. */
  usage?: Partial<BedrockTokenUsage>;
}

export interface BedrockRecordedRequest {
  method: string;
  /** The path and query as sent, e.g. "/model/us.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse". */
  path: string;
  /** The model id decoded from the path (Converse operations only). */
  modelId?: string;
  headers: Record<string, string>;
  body: unknown;
  rawBody: string;
  /** From the verified SigV4 Authorization header. */
  signature?: { accessKeyId: string; region: string; service: string; signedHeaders: string[] };
}

export type BedrockScript = (req: BedrockRecordedRequest) => BedrockBehaviour | undefined;

export interface BedrockMockOptions {
  /** Accepted access key ids with their secrets (default: MOCK_AWS_CREDENTIALS). */
  credentials?: Record<string, { secretAccessKey: string }>;
  /** Access keys that authenticate but lack permissions: every request gets AccessDeniedException. */
  deniedKeys?: string[];
}

export interface BedrockMock {
  url: string;
  requests: BedrockRecordedRequest[];
  script(fn: BedrockScript | undefined): void;
  enqueue(...behaviours: BedrockBehaviour[]): void;
  reset(): void;
  close(): Promise<void>;
}
