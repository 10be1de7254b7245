// Code point counting for annotation indexes.
import { describe, expect, it } from "vitest";
import { codePoints, searchUsage, urlCitation } from "./citations.ts";

describe("citations", () => {
  it("counts code points: a surrogate pair once, a lone surrogate as itself", () => {
    expect(codePoints("")).toBe(0);
    expect(codePoints("abc")).toBe(3);
    expect(codePoints("é€")).toBe(2);
    expect(codePoints("a😀b🎉")).toBe(4);
    expect(codePoints("a\ud83d")).toBe(2);
  });

  it("builds OpenAI's url_citation and the search usage field", () => {
    expect(urlCitation("https://a", "A", 1, 4)).toEqual({ type: "url_citation", url_citation: { url: "https://a", title: "A", start_index: 1, end_index: 4 } });
    expect(searchUsage(2)).toEqual({ server_tool_use: { web_search_requests: 2 } });
    expect(searchUsage(0)).toEqual({});
  });
});
