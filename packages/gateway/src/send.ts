// Writes a reply on the raw node response. A stream's frames go out as they come, but the frames
// produced in one turn of the event loop (usually one upstream read) leave in one write; the
// upstream is read no faster than the client takes the frames (backpressure).
import type { ServerResponse } from "node:http";
import type { StreamReply } from "./chat/respond-stream.ts";
import type { Reply } from "./errors.ts";

/** Sends a complete reply (its headers object gains content-length). */
export function sendReply(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return; // the client is gone: nothing to send
  reply.headers["content-length"] = String(Buffer.byteLength(reply.body));
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

/** Sends every frame; when the client goes away, ends the generator early (return()) instead. */
export async function sendStream(res: ServerResponse, reply: StreamReply): Promise<void> {
  if (res.destroyed) {
    await reply.stream.return(undefined);
    return;
  }
  res.writeHead(reply.status, reply.headers);
  let corked = false;
  const uncork = () => {
    corked = false;
    res.uncork();
  };
  for await (const frame of reply.stream) {
    if (res.destroyed) break;
    if (!corked) {
      corked = true;
      res.cork();
      process.nextTick(uncork);
    }
    if (!res.write(frame)) await drained(res);
  }
  if (!res.destroyed) res.end();
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
