// Rewrites an upstream's server-sent events for the client, one event at a time: each event's
// data is handed to `visit`, which may return replacement data (e.g. the final event with cost
// fields added to its usage) or undefined to drop it.
const encoder = new TextEncoder();

export function sseFrame(data: string): Uint8Array {
  return encoder.encode(`data: ${data}\n\n`);
}

export function parseEvent(data: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(data) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
