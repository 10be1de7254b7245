// What a provider's own web search becomes in OpenAI's shapes, whatever the protocol:
// - its citations: `url_citation` annotations on the assistant message (`message.annotations`;
//   streamed as one `delta.annotations` chunk just before the finish chunk, as OpenAI's search
//   models do). start_index / end_index count Unicode code points of the message's `content`
//   (as OpenAI's do, and as engine "switchyard"'s annotations): the same as JavaScript string
//   indexes unless the text holds characters outside the BMP, such as emoji.
// - its count: `usage.server_tool_use.web_search_requests` (OpenRouter's field for the same
//   thing), which metering reads into `webSearches`.

export interface UrlCitation {
  type: "url_citation";
  url_citation: { url: string; title: string; start_index: number; end_index: number };
}

export function urlCitation(url: string, title: string, start: number, end: number): UrlCitation {
  return { type: "url_citation", url_citation: { url, title, start_index: start, end_index: end } };
}

/** The usage field carrying the searches an upstream's own web search made (none: nothing). */
export function searchUsage(searches: number): { server_tool_use?: { web_search_requests: number } } {
  return searches > 0 ? { server_tool_use: { web_search_requests: searches } } : {};
}

/** The number of Unicode code points in `text` (a surrogate pair counts once). */
export function codePoints(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return text.length - pairs;
}
