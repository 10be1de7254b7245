// An upstream answer streamed to the client as a web ReadableStream (h3 writes it to the socket
// with backpressure: the next piece is read from the upstream only when the client took the
// last). Exactly one of the hooks runs: `done` after the last piece, `cancel` when the client
// went away first, `failed` when the upstream broke (the client's stream then errors).
//
// The first piece is read before the response is committed: an upstream that breaks before
// sending anything (a broken connection can take the bytes it had sent with it) is an
// upstream error answered in OpenAI's envelope (a 502 with the attempt's headers), not a
// connection dropped before the client saw a status line.
import { SwitchyardError } from "@switchyard/core";

export interface StreamHooks {
  done(): void;
  cancel(): void;
  failed(error: unknown): void;
}

export async function clientStream(source: AsyncGenerator<Uint8Array>, hooks: StreamHooks, headers: Record<string, string>): Promise<ReadableStream<Uint8Array>> {
  let settled = false;
  const settle = (hook: () => void): void => {
    if (settled) return;
    settled = true;
    hook();
  };
  let first: IteratorResult<Uint8Array> | undefined;
  try {
    first = await source.next();
  } catch (error) {
    settle(() => hooks.failed(error));
    throw new SwitchyardError("upstream_error", "The upstream provider broke off its answer before sending any of it.", { cause: error, headers });
  }
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: IteratorResult<Uint8Array>;
        try {
          next = first ?? (await source.next());
          first = undefined;
        } catch (error) {
          settle(() => hooks.failed(error));
          try {
            controller.error(error);
          } catch {
            // already cancelled by the client
          }
          return;
        }
        if (next.done) {
          settle(hooks.done);
          controller.close();
          return;
        }
        controller.enqueue(next.value);
      },
      cancel() {
        settle(hooks.cancel);
        void source.return(undefined).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
}

/** The upstream body's bytes as they arrive. */
export async function* passthrough(body: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const chunk of body) yield chunk;
}
