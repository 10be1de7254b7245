// An organization's key may name its own base URL: the root of a proxy. The version path of the
// provider's default base URL (`/v1`, `/openai/v1`, …) is appended, never taken from the tenant.
export function withVersionPath(root: string, defaultBaseUrl: string): string {
  return `${root.replace(/\/+$/, "")}${new URL(defaultBaseUrl).pathname.replace(/\/+$/, "")}`;
}
