// Writing the binary AWS event stream (application/vnd.amazon.eventstream) with @smithy/core's
// codec: each message carries the string headers :message-type ("event" or "exception"),
// :event-type or :exception-type, and :content-type application/json, and a JSON payload.
// Like Bedrock, event payloads carry a "p" member of random length (padding against size
// side channels), which clients ignore.
import type { ServerResponse } from "node:http";
import { EventStreamCodec } from "@smithy/core/event-streams";
import { fromUtf8, toUtf8 } from "@smithy/core/serde";

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const PADDING = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

const str = (value: string) => ({ type: "string" as const, value });

export function eventFrame(eventType: string, payload: Record<string, unknown>): Uint8Array {
  const body = JSON.stringify({ ...payload, p: PADDING.slice(0, 1 + Math.floor(Math.random() * PADDING.length)) });
  return codec.encode({ headers: { ":message-type": str("event"), ":event-type": str(eventType), ":content-type": str("application/json") }, body: fromUtf8(body) });
}

export function exceptionFrame(exceptionType: string, message: string): Uint8Array {
  return codec.encode({
    headers: { ":message-type": str("exception"), ":exception-type": str(exceptionType), ":content-type": str("application/json") },
    body: fromUtf8(JSON.stringify({ message })),
  });
}

export function writeFrame(res: ServerResponse, frame: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    if (res.write(frame)) return resolve();
    res.once("drain", resolve);
    res.once("close", resolve);
  });
}
