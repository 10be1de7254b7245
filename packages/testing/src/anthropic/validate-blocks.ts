// Validates one message's content blocks: allowed block types per role, non-empty text, image
// and document sources, and tool pairing (every tool_use answered by a tool_result at the start
// of the next user turn; every tool_result answering a tool_use of the turn before).
export type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);
const BLOCKS: Record<string, Set<string>> = {
  user: new Set(["text", "image", "document", "tool_result"]),
  assistant: new Set(["text", "tool_use", "thinking", "redacted_thinking"]),
};

export function validateBlocks(message: Json, i: number, previous: Json | undefined, next: Json | undefined): string | undefined {
  const at = `messages.${i}.content`;
  const { content } = message;
  if (typeof content === "string") return content === "" ? `${at}: text content blocks must be non-empty` : undefined;
  if (!Array.isArray(content) || content.length === 0) return `${at}: Input should be a non-empty string or list of content blocks`;
  let seenOther = false;
  for (let j = 0; j < content.length; j++) {
    const block: unknown = content[j];
    if (!isObject(block) || !BLOCKS[String(message.role)]!.has(String(block.type))) return `${at}.${j}.type: block type ${isObject(block) ? String(block.type) : "?"} is not allowed in ${String(message.role)} messages`;
    const problem = validateBlock(block, `${at}.${j}`, previous);
    if (problem) return problem;
    if (block.type === "tool_result" && seenOther) return `${at}.${j}: tool_result blocks must come first in the user message, before any other content`;
    if (block.type !== "tool_result") seenOther = true;
  }
  const uses = content.filter((b: Json) => b.type === "tool_use").map((b: Json) => b.id);
  if (uses.length > 0) {
    const answered = new Set(Array.isArray(next?.content) ? next.content.filter((b: Json) => b.type === "tool_result").map((b: Json) => b.tool_use_id) : []);
    const missing = uses.filter((id) => !answered.has(id));
    if (missing.length > 0) return `messages.${i}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`;
  }
  return undefined;
}

function validateBlock(block: Json, at: string, previous: Json | undefined): string | undefined {
  switch (block.type) {
    case "text":
      return typeof block.text === "string" && block.text !== "" ? undefined : `${at}.text: text content blocks must be non-empty`;
    case "image":
      return source(block.source, at, (s) => (s.type === "base64" ? IMAGE_TYPES.has(String(s.media_type)) && typeof s.data === "string" : s.type === "url" && typeof s.url === "string"));
    case "document":
      return source(block.source, at, (s) => s.type === "base64" && s.media_type === "application/pdf" && typeof s.data === "string");
    case "tool_use":
      return typeof block.id === "string" && typeof block.name === "string" && isObject(block.input) ? undefined : `${at}: tool_use blocks need id, name and an object input`;
    case "thinking":
      return typeof block.thinking === "string" && typeof block.signature === "string" && block.signature ? undefined : `${at}.signature: Field required`;
    case "redacted_thinking":
      return typeof block.data === "string" ? undefined : `${at}.data: Field required`;
    case "tool_result": {
      const prior = Array.isArray(previous?.content) ? previous.content : [];
      if (!prior.some((b: Json) => b.type === "tool_use" && b.id === block.tool_use_id)) return `${at}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
      return block.content === undefined || typeof block.content === "string" || Array.isArray(block.content) ? undefined : `${at}.content: Input should be a string or a list of blocks`;
    }
  }
  return undefined;
}

function source(value: unknown, at: string, valid: (s: Json) => boolean): string | undefined {
  return isObject(value) && valid(value) ? undefined : `${at}.source: invalid source (base64 needs a supported media_type and data; url needs url)`;
}
