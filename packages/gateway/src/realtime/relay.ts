// One direction of the relay: every frame from `from` is sent to `to` as it came (text or
// binary, in order). Backpressure: when `to` has more than HIGH_WATER bytes queued, `from` stops
// reading its socket (so TCP slows the sender instead of memory growing here) until `to`'s
// socket drains.
import { WebSocket, type RawData } from "ws";
import type { Socket } from "node:net";

export const HIGH_WATER_BYTES = 1024 * 1024;

export interface RelayTap {
  /** Sees each frame before it is forwarded. */
  (frame: Buffer, isBinary: boolean): void;
}

export interface Relay {
  /** Whether `from` is paused, waiting for `to` to drain. */
  readonly paused: boolean;
}

export function relay(from: WebSocket, to: WebSocket, tap: RelayTap): Relay {
  let paused = false;
  const resume = () => {
    paused = false;
    from.resume();
  };
  from.on("message", (raw: RawData, isBinary: boolean) => {
    const frame = raw as Buffer; // binaryType "nodebuffer": one Buffer per message
    tap(frame, isBinary);
    if (to.readyState !== WebSocket.OPEN) return;
    to.send(frame, { binary: isBinary });
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
export function flush(frames: ReadonlyArray<{ data: Buffer; isBinary: boolean }>, to: WebSocket, tap: RelayTap): void {
  for (const { data, isBinary } of frames) {
    tap(data, isBinary);
    if (to.readyState === WebSocket.OPEN) to.send(data, { binary: isBinary });
  }
}
