// AWS Signature Version 4 for Bedrock requests (signing name "bedrock"), with @smithy/signature-v4
// and Node's SHA-256. Returns the headers to send: content type, x-amz-date,
// x-amz-content-sha256, x-amz-security-token (temporary credentials) and Authorization.
import { Hash } from "@smithy/core/serde";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentials } from "./credentials.ts";

const sha256 = Hash.bind(null, "sha256");

export async function signedHeaders(
  url: URL,
  init: { method: "GET" | "POST"; headers: Record<string, string>; body?: string },
  credentials: AwsCredentials,
): Promise<Record<string, string>> {
  const { accessKeyId, secretAccessKey, sessionToken, region } = credentials;
  const signer = new SignatureV4({ service: "bedrock", region, credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }, sha256 });
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  const signed = await signer.sign({
    method: init.method,
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: url.pathname,
    query,
    headers: { ...init.headers, host: url.host },
    ...(init.body === undefined ? {} : { body: init.body }),
  });
  // undici derives Host from the URL (the same value that was signed).
  const { host: _host, ...headers } = signed.headers;
  return headers;
}
