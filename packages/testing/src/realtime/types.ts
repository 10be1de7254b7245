// The OpenAI Realtime mock's options, records and scripts.

export interface RealtimeMockOptions {
  /** Keys accepted (OpenAI: Bearer or the `openai-insecure-api-key.` subprotocol; Azure: `api-key`). Unset: any non-empty key. */
  validKeys?: readonly string[];
  /** Azure deployments: deployment name → model. Unset: every deployment name is its own model. */
  deployments?: Readonly<Record<string, string>>;
  /** Pause between two events of a response (ms); default 0. */
  eventDelayMs?: number;
}

export type RealtimeFlavor = "openai" | "azure";

/** One connection the mock saw (accepted or refused). */
export interface RealtimeSessionRecord {
  id: string;
  flavor: RealtimeFlavor;
  /** Path and query, e.g. "/v1/realtime?model=gpt-realtime". */
  url: string;
  model: string;
  /** The key the client presented ("" when none). */
  key: string;
  authVia: "bearer" | "subprotocol" | "api-key" | "none";
  /** Subprotocols offered (the key's one included, as sent). */
  protocols: string[];
  headers: Record<string, string>;
  /** Refused during the handshake with this HTTP status. */
  refusedStatus?: number;
  /** Every client event received, in order (binary frames parsed the same way). */
  events: Array<Record<string, unknown>>;
  /** Every response.done sent: response id, status and the usage it reported. */
  responses: Array<{ id: string; status: string; usage: Record<string, unknown> }>;
  /** Frames from the client by kind. */
  frames: { text: number; binary: number };
  /** Set when the connection ended: the close code and reason the mock saw (1006: dropped). */
  closed: { code: number; reason: string } | null;
}

export interface RealtimeUsageOverride {
  inputTextTokens?: number;
  inputAudioTokens?: number;
  cachedTextTokens?: number;
  cachedAudioTokens?: number;
  outputTextTokens?: number;
  outputAudioTokens?: number;
}

/** How the mock answers one `response.create` (scripts apply in order, one per response). */
export interface RealtimeResponseScript {
  /** The response's id (default: a fresh `resp_…`). */
  id?: string;
  /** The assistant's text (text responses) or transcript (audio responses). */
  text?: string;
  usage?: RealtimeUsageOverride;
  /** Drop the TCP connection (no close frame) after this many events of the response. */
  dropAfterEvents?: number;
  /** Send a binary frame (these bytes) in the middle of the response. */
  binary?: Buffer;
  /** Never send response.done (the response hangs until cancelled or the connection ends). */
  hang?: boolean;
  /** Take no notice of response.cancel (the response goes on until it ends or the connection does). */
  ignoreCancel?: boolean;
  /** Answer with an `error` event instead of a response. */
  error?: { type: string; code: string; message: string };
}

/** How the mock answers one connection attempt. */
export interface RealtimeConnectScript {
  /** Refuse the handshake with this HTTP status (OpenAI-style error body). */
  status?: number;
  /** Accept, then close at once with this code (after an `error` event when `error` is set). */
  closeWith?: { code: number; reason: string; error?: { type: string; code: string; message: string } };
}

export interface RealtimeMock {
  /** e.g. "http://127.0.0.1:54321" (no trailing slash). */
  url: string;
  port: number;
  sessions: RealtimeSessionRecord[];
  /** WebSocket connections open right now. */
  openConnections(): number;
  /** Bytes the mock has queued to send but not yet handed to the kernel, over all connections. */
  bufferedBytes(): number;
  /** Responses completed with response.done, by session id. */
  responsesDone(): number;
  enqueueResponse(...scripts: RealtimeResponseScript[]): void;
  enqueueConnect(...scripts: RealtimeConnectScript[]): void;
  /** Per-response behaviour from the connection and the client's `response` parameters (takes precedence over the queue). */
  scriptResponse(fn: ((session: RealtimeSessionRecord, request: Record<string, unknown>) => RealtimeResponseScript | undefined) | undefined): void;
  /** Per-connection behaviour by key (takes precedence over the queue). */
  scriptConnect(fn: ((session: RealtimeSessionRecord) => RealtimeConnectScript | undefined) | undefined): void;
  /** Terminates every open connection (no close frame), as a crashed upstream would. */
  dropAll(): void;
  /** Closes every open connection with a close frame (e.g. 1000 when a session reaches its time limit). */
  closeAll(code: number, reason: string): void;
  reset(): void;
  close(): Promise<void>;
}
