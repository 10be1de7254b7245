// One direction of the relay: every frame from `from` is sent to `to` as it came (text or
// binary, in order), unless the tap returns a replacement for it (the gateway adds its cost
// fields to response.done this way, synchronously, so the order stays). A tap that throws does
// not take the process down (it runs inside ws's data handler): the error is reported and the
// frame passed on unchanged. Backpressure: when `to` has more than HIGH_WATER bytes queued, `from` stops
// reading its socket (so TCP slows the sender instead of memory growing here) until `to`'s
// socket drains.
import { WebSocket, type RawData } from "ws";
import type { Socket } from "node:net";

export const HIGH_WATER_BYTES = 1024 * 1024;

export interface RelayTap {
  /** Sees each frame before it is forwarded; a returned string is sent (as text) instead of it. */
  (frame: Buffer, isBinary: boolean): string | undefined | void;
}

/** Told when the tap threw; the frame was passed on unchanged. */
export type TapErrorHandler = (error: unknown) => void;

export interface Relay {
  /** Whether `from` is paused, waiting for `to` to drain. */
  readonly paused: boolean;
}

/** The tap's replacement for the frame; undefined (the frame as it came) when the tap threw. */
function tapped(tap: RelayTap, frame: Buffer, isBinary: boolean, onTapError: TapErrorHandler): string | undefined | void {
  try {
    return tap(frame, isBinary);
  } catch (error) {
    onTapError(error);
    return undefined;
  }
}

export function relay(from: WebSocket, to: WebSocket, tap: RelayTap, onTapError: TapErrorHandler): Relay {
  let paused = false;
  const resume = () => {
    paused = false;
    from.resume();
  };
  from.on("message", (raw: RawData, isBinary: boolean) => {
    const frame = raw as Buffer; // binaryType "nodebuffer": one Buffer per message
    const replacement = tapped(tap, frame, isBinary, onTapError);
    if (to.readyState !== WebSocket.OPEN) return;
    if (typeof replacement === "string") to.send(replacement, { binary: false });
    else to.send(frame, { binary: isBinary });
    if (!paused && to.bufferedAmount > HIGH_WATER_BYTES) {
      const socket = (to as unknown as { _socket?: Socket })._socket;
      if (!socket) return;
      paused = true;
      from.pause();
      const onDrain = () => {
        socket.off("drain", onDrain);
        socket.off("close", onDrain);
        resume();
      };
      socket.on("drain", onDrain);
      socket.on("close", onDrain);
    }
  });
  return {
    get paused() {
      return paused;
    },
  };
}

/** Sends frames that arrived before the relay started, in order. */
export function flush(frames: ReadonlyArray<{ data: Buffer; isBinary: boolean }>, to: WebSocket, tap: RelayTap, onTapError: TapErrorHandler): void {
  for (const { data, isBinary } of frames) {
    const replacement = tapped(tap, data, isBinary, onTapError);
    if (to.readyState !== WebSocket.OPEN) continue;
    if (typeof replacement === "string") to.send(replacement, { binary: false });
    else to.send(data, { binary: isBinary });
  }
}
