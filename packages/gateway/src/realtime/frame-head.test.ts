// The cheap reading of a frame's top level agrees with JSON.parse: on random well-formed events
// (any key order, whitespace, escapes, nested values), on duplicate keys, and on malformed frames.
import { describe, expect, it } from "vitest";
import { frameHead, frameType, stringAt } from "./frame-head.ts";
import { seededRandom as random } from "../testing/seeded-random.ts";

const PIECES = ["a", "Z", "0", " ", '"', "\\", "/", "\\\"", "{", "}", "[", "]", ",", ":", "é", "日本", "😀", "\n", "\t", "\u0001", "response.done", "type"];

function value(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 2 ? 5 : 7));
  if (pick === 0) return Array.from({ length: Math.floor(next() * 6) }, () => PIECES[Math.floor(next() * PIECES.length)]).join("");
  if (pick === 1) return Math.floor(next() * 2_000_000) - 1_000_000;
  if (pick === 2) return next() * 1e6 - 5e5;
  if (pick === 3) return next() < 0.5;
  if (pick === 4) return null;
  if (pick === 5) return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
  return object(next, depth + 1);
}

function object(next: () => number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = ["type", "event_id", "response_id", "delta", "response", "usage", 'k"ey', "ké", ""];
  for (let i = Math.floor(next() * 6); i > 0; i--) out[keys[Math.floor(next() * keys.length)]!] = value(next, depth);
  return out;
}

describe("frameHead", () => {
  it("reads the top level of random well-formed events exactly as JSON.parse does", () => {
    const next = random(20_250_701);
    for (let n = 0; n < 3_000; n++) {
      const event = object(next, 0);
      if (next() < 0.7) event.type = next() < 0.5 ? "response.output_audio.delta" : (value(next, 3) as string);
      const indent = [0, 1, 2, "\t"][Math.floor(next() * 4)]!;
      const text = `${next() < 0.2 ? " \n" : ""}${JSON.stringify(event, null, indent)}${next() < 0.2 ? "\r\n " : ""}`;
      const frame = Buffer.from(text);
      const head = frameHead(frame);
      const type = typeof event.type === "string" ? event.type : undefined;
      expect(frameType(frame)).toBe(type);
      if (Object.keys(event).some((key) => JSON.stringify(key) !== `"${key}"`)) {
        expect(head, text).toBeUndefined(); // an escaped key: left to JSON.parse
        continue;
      }
      expect(head, text).toBeDefined();
      expect(head!.type).toBe(typeof event.type === "string" ? event.type : undefined);
      expect([...head!.fields.keys()].sort()).toEqual(Object.keys(event).sort());
      for (const [key, span] of head!.fields) {
        expect(JSON.parse(frame.toString("utf8", span[0], span[1])), `${text} ${key}`).toEqual(event[key]);
        if (typeof event[key] === "string") expect(stringAt(frame, span)).toBe(event[key]);
      }
    }
  });

  it("a truncated or otherwise malformed frame has no head; frameType then agrees with JSON.parse", () => {
    const next = random(7);
    for (let n = 0; n < 300; n++) {
      const event = { ...object(next, 0), type: "response.done" };
      const text = JSON.stringify(event);
      const cut = Buffer.from(text.slice(0, Math.floor(next() * text.length)));
      expect(frameHead(cut)).toBeUndefined();
      expect(frameType(cut)).toBeUndefined();
    }
    for (const text of ['{"type":"x",}', '{"type":"x"} x', '{"type":"x" "a":1}', '{"type":"x","a":01}', '{"type":"x","a":tru}', '["type","x"]', '"type"', "", '{"type":"x","a":1,}']) {
      expect(frameHead(Buffer.from(text)), text).toBeUndefined();
      expect(frameType(Buffer.from(text)), text).toBeUndefined();
    }
  });

  it("the last of duplicate keys wins, as in JSON.parse; an escaped key is left to JSON.parse", () => {
    const duplicate = Buffer.from('{"type":"response.output_text.delta","delta":"x","type":"response.done"}');
    expect(frameHead(duplicate)!.type).toBe("response.done");
    expect(frameType(duplicate)).toBe((JSON.parse(duplicate.toString()) as { type: string }).type);
    const escaped = Buffer.from('{"typ\\u0065":"response.done","response":{}}');
    expect(frameHead(escaped)).toBeUndefined();
    expect(frameType(escaped)).toBe("response.done");
    expect(frameType(Buffer.from('{"type":"respon\\u0073e.done"}'))).toBe("response.done");
    expect(frameType(Buffer.from('{"type":7}'))).toBeUndefined();
  });
});
