// The parts of the OpenAI Responses API this adapter reads (POST /v1/responses). Shapes from
// openai-node `src/resources/responses/responses.ts` (Response, ResponseOutputItem,
// ResponseUsage, ResponseStreamEvent); only the fields used here.

export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details?: { cached_tokens?: number } | null;
  output_tokens: number;
  output_tokens_details?: { reasoning_tokens?: number } | null;
  total_tokens?: number;
}

export type OutputItem =
  | { type: "message"; id?: string; role?: string; content?: Array<{ type: "output_text"; text: string } | { type: "refusal"; refusal: string }> }
  | { type: "function_call"; id?: string; call_id: string; name: string; arguments: string }
  | { type: "reasoning"; id?: string; summary?: Array<{ type: "summary_text"; text: string }> }
  | { type: string; id?: string };

export type ResponseStatus = "completed" | "failed" | "in_progress" | "cancelled" | "queued" | "incomplete";

export interface ResponseObject {
  id: string;
  object: "response";
  /** Seconds; Azure sends a float ("1741369938.0"). */
  created_at: number;
  model: string;
  status?: ResponseStatus;
  error?: { code: string | null; message: string } | null;
  incomplete_details?: { reason?: "max_output_tokens" | "content_filter" } | null;
  output: OutputItem[];
  usage?: ResponsesUsage | null;
}

/** One server-sent event's data (its `type` repeats the SSE event name). */
export interface StreamEvent {
  type: string;
  sequence_number?: number;
  response?: ResponseObject;
  output_index?: number;
  item?: OutputItem;
  item_id?: string;
  summary_index?: number;
  delta?: string;
  arguments?: string;
  /** `error` events. */
  code?: string | null;
  message?: string;
  param?: string | null;
}
