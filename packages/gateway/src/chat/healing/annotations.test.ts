// Moving url_citation spans onto the repaired content: same text, k-th occurrence to k-th
// occurrence, indexes in code points; dropped when the text is gone or its count changed.
import { describe, expect, it } from "vitest";
import { remapAnnotations } from "./annotations.ts";

const cite = (start: number, end: number, title = "t") => ({ type: "url_citation", url_citation: { url: "https://example.com/", title, start_index: start, end_index: end } });
const spans = (annotations: unknown[], text: string) => (annotations as Array<ReturnType<typeof cite>>).map((a) => [...text].slice(a.url_citation.start_index, a.url_citation.end_index).join(""));

describe("remapAnnotations", () => {
  it("moves a span onto the same text after the fence and comma are gone", () => {
    const before = '```json\n{"a": "see [1]",}\n```';
    const after = '{"a":"see [1]"}';
    const out = remapAnnotations([cite(before.indexOf("[1]"), before.indexOf("[1]") + 3)], before, after);
    expect(out).toEqual([cite(after.indexOf("[1]"), after.indexOf("[1]") + 3)]);
  });

  it("maps the k-th occurrence to the k-th occurrence", () => {
    const before = 'Here: {"a": "[1]", "b": "[1]",}';
    const after = '{"a":"[1]","b":"[1]"}';
    const second = before.lastIndexOf("[1]");
    expect(remapAnnotations([cite(second, second + 3)], before, after)).toEqual([cite(after.lastIndexOf("[1]"), after.lastIndexOf("[1]") + 3)]);
  });

  it("counts code points: an emoji before the span shifts it by one, not two", () => {
    const before = '😀 {"a": "😀 [2]",}';
    const after = '{"a":"😀 [2]"}';
    const out = remapAnnotations([cite(11, 14)], before, after);
    expect(spans([cite(11, 14)], before)).toEqual(["[2]"]);
    expect(out).toEqual([cite(8, 11)]);
    expect(spans(out, after)).toEqual(["[2]"]);
  });

  it("drops spans whose text the repair removed or changed, and out-of-range spans", () => {
    const before = "Per [src]: {'a': 'x'}";
    const after = '{"a":"x"}';
    expect(remapAnnotations([cite(4, 9), cite(16, 19), cite(5, 99), cite(3, 2)], before, after)).toEqual([]);
  });

  it("drops a span when its text occurs a different number of times after the repair", () => {
    const before = '[1] {"a": "[1]",}';
    expect(remapAnnotations([cite(0, 3)], before, '{"a":"[1]"}')).toEqual([]);
  });

  it("keeps sources listed without a place and annotations of other kinds", () => {
    const other = { type: "file_citation", file_citation: { file_id: "f" } };
    expect(remapAnnotations([cite(0, 0), other], "x {'a': 1}", '{"a":1}')).toEqual([cite(0, 0), other]);
  });
});
