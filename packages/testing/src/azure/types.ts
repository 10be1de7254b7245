// The public types of the mock Azure OpenAI chat completions upstream (see server.ts).
import type { Behaviour } from "../mock-types.ts";
import type { ScriptedServer } from "../scripted-server.ts";

/** The OpenAI mock's behaviour (content, chunks, toolCalls, error, usage…) plus Azure's content filter. */
export interface AzureBehaviour extends Pick<Behaviour, "content" | "chunks" | "toolCalls" | "error" | "omitUsage" | "usage" | "firstByteDelayMs" | "failAfterChunks"> {
  /** The prompt is filtered: 400 with code content_filter. */
  promptFiltered?: boolean;
  /** The completion is filtered: finish_reason content_filter with the filter's verdict. */
  completionFiltered?: boolean;
  /** Streaming with asynchronous filtering: annotation-only chunks (no delta) after the text. */
  asyncFilter?: boolean;
}

export interface AzureMockOptions {
  host?: string;
  port?: number;
  /** Keys accepted in the api-key header. */
  apiKeys: string[];
  /** Deployment name → the model it runs, as Azure names it in answers (e.g. "gpt-4o-mini-2024-07-18"). */
  deployments: Record<string, string>;
}

export type AzureMock = ScriptedServer<AzureBehaviour>;
