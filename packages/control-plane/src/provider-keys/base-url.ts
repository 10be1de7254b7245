// A base URL an organization gives for its key: the root of a compatible API or proxy. The
// version path is Switchyard's to append, so a URL that already has one is refused up front.
import { assertUpstreamUrl, type Allowlist } from "@switchyard/providers";
import { InputError } from "../graph/errors.ts";

const VERSION_SEGMENT = /\/(v\d+(beta\d*|alpha\d*)?)(\/|$)/i;

export function checkBaseUrl(raw: string, allowlist: Allowlist): string {
  const text = raw.trim().replace(/\/+$/, "");
  let url: URL;
  try {
    url = assertUpstreamUrl(text, allowlist);
  } catch (error) {
    throw new InputError("baseUrl", (error as Error).message);
  }
  if (url.search || url.hash || url.username || url.password) throw new InputError("baseUrl", "The base URL must not carry a query, fragment or credentials.");
  const version = VERSION_SEGMENT.exec(url.pathname)?.[1];
  if (version) {
    throw new InputError("baseUrl", `Remove "/${version}" from the base URL: give the root (e.g. https://proxy.example.com); Switchyard appends the version path itself.`);
  }
  return text;
}
