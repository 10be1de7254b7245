// Citation markers → url_citation annotations: indexes, uncited sources, streamed text.
import type { SearchResult } from "@switchyard/websearch";
import { describe, expect, it } from "vitest";
import { citationsFor } from "./annotations.ts";
import { annotateStream } from "./stream.ts";

const sources: SearchResult[] = [1, 2, 3].map((n) => ({ title: `T${n}`, url: `https://example.com/${n}`, snippet: `S${n}`, provider: "tavily" }));
const span = (a: { url_citation: { url: string; start_index: number; end_index: number } }) => [a.url_citation.url.slice(-1), a.url_citation.start_index, a.url_citation.end_index];

describe("citationsFor", () => {
  it("one annotation per marker in text order, repeated citations included, then the uncited sources at 0/0", () => {
    const text = "B [2], A [1], B again [2].";
    expect(citationsFor(text, sources).map(span)).toEqual([
      ["2", 2, 5],
      ["1", 9, 12],
      ["2", 22, 25],
      ["3", 0, 0],
    ]);
  });

  it("ignores numbers that name no source and other brackets", () => {
    expect(citationsFor("See [0], [4], [a] and [12].", sources).map(span)).toEqual([
      ["1", 0, 0],
      ["2", 0, 0],
      ["3", 0, 0],
    ]);
  });

  it("counts code points: an emoji before a marker is one character", () => {
    const text = "☀️🌞 cheap [1]";
    const [first] = citationsFor(text, sources);
    expect(first!.url_citation.start_index).toBe(Array.from(text.slice(0, text.indexOf("[1]"))).length);
    expect(first!.url_citation.start_index).toBe(text.indexOf("[1]") - 1);
    expect(first!.url_citation.end_index - first!.url_citation.start_index).toBe(3);
  });

  it("no sources: no annotations", () => {
    expect(citationsFor("Nothing [1].", [])).toEqual([]);
  });
});

async function collect(events: string[]): Promise<Array<Record<string, unknown>>> {
  async function* upstream() {
    yield* events;
  }
  const out = [];
  for await (const data of annotateStream(upstream(), sources)) out.push(JSON.parse(data) as Record<string, unknown>);
  return out;
}

const chunk = (index: number, content: string | undefined, finish: string | null = null) =>
  JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: "m", choices: [{ index, delta: content === undefined ? {} : { content }, finish_reason: finish }] });

describe("annotateStream", () => {
  it("sends each choice's annotations, over its own streamed text, right before its finish chunk", async () => {
    const out = await collect([chunk(0, "A ["), chunk(1, "B [3]"), chunk(0, "2]"), chunk(0, undefined, "stop"), chunk(1, undefined, "stop")]);
    const annotations = (i: number) => ((out[i]!.choices as Array<{ delta: { annotations: Array<{ url_citation: { url: string; start_index: number; end_index: number } }> } }>)[0]!.delta.annotations).map(span);
    expect(out).toHaveLength(7);
    expect(out[3]).toMatchObject({ id: "c1", object: "chat.completion.chunk", model: "m", choices: [{ index: 0, finish_reason: null }] });
    expect(annotations(3)).toEqual([
      ["2", 2, 5],
      ["1", 0, 0],
      ["3", 0, 0],
    ]);
    expect(out[4]).toMatchObject({ choices: [{ index: 0, finish_reason: "stop" }] });
    expect(annotations(5)).toEqual([
      ["3", 2, 5],
      ["1", 0, 0],
      ["2", 0, 0],
    ]);
    expect(out[6]).toMatchObject({ choices: [{ index: 1, finish_reason: "stop" }] });
  });

  it("a stream without a finish chunk gets the annotations at its end", async () => {
    const out = await collect([chunk(0, "A [1]")]);
    expect(out).toHaveLength(2);
    expect(out[1]).toMatchObject({ choices: [{ index: 0, delta: { annotations: expect.any(Array) } }] });
  });
});
