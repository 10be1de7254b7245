// Cheap unique ids: a random per-process stem plus a counter (no randomness per request, which
// showed up in benchmark profiles). Shapes match OpenAI's: chatcmpl-<29>, call_<24>, req_<20>.
import { randomToken } from "@switchyard/core";

const stem = randomToken(24);
let counter = 0;

function next(length: number): string {
  const tail = (counter++).toString(36).padStart(8, "0");
  return stem.slice(0, length - tail.length) + tail;
}

export const completionId = (): string => `chatcmpl-${next(29)}`;
export const toolCallId = (): string => `call_${next(24)}`;
export const requestId = (): string => `req_${next(20)}`;
