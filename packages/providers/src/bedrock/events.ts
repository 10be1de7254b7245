// The AWS event stream of ConverseStream (application/vnd.amazon.eventstream), decoded with
// @smithy/core's codec: binary frames (prelude, CRCs, typed headers) → one JSON payload each.
// Headers: `:message-type` is "event" (`:event-type` names it: messageStart, contentBlockDelta, …),
// "exception" (`:exception-type`: throttlingException, modelStreamErrorException, …) or "error"
// (`:error-code`, `:error-message`, no payload).
// (Framing: https://smithy.io/2.0/aws/amazon-eventstream.html; the event names are the members of
// ConverseStreamOutput in the Bedrock Runtime API reference.)
import { EventStreamCodec, getChunkedStream, MessageDecoderStream } from "@smithy/core/event-streams";
import { fromUtf8, toUtf8 } from "@smithy/core/serde";

export interface StreamEvent {
  kind: "event" | "exception" | "error";
  /** The event type, the exception type, or the error code. */
  type: string;
  payload: Record<string, unknown>;
}

export async function* streamEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<StreamEvent> {
  const decoder = new EventStreamCodec(toUtf8, fromUtf8);
  for await (const message of new MessageDecoderStream({ inputStream: getChunkedStream(body), decoder })) {
    const header = (name: string) => {
      const h = message.headers[name];
      return h?.type === "string" ? h.value : "";
    };
    const kind = header(":message-type");
    if (kind === "error") {
      yield { kind, type: header(":error-code"), payload: { message: header(":error-message") } };
      continue;
    }
    const payload = message.body.byteLength > 0 ? (JSON.parse(toUtf8(message.body)) as Record<string, unknown>) : {};
    if (kind === "exception") yield { kind, type: header(":exception-type"), payload };
    else yield { kind: "event", type: header(":event-type"), payload };
  }
}
