// Checks a request's AWS Signature Version 4 the way AWS does: the Authorization header's form
// (AWS4-HMAC-SHA256 Credential=<AKID>/<yyyymmdd>/<region>/bedrock/aws4_request,
// SignedHeaders=…, Signature=<64 hex>), x-amz-date within 15 minutes, the payload hash, a known
// access key, then the signature itself, recomputed from the signed headers with the key's
// secret (@smithy/signature-v4, the signer the AWS SDKs use).
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html)
import { createHash } from "node:crypto";
import { Hash } from "@smithy/core/serde";
import { SignatureV4 } from "@smithy/signature-v4";

const AUTH = /^AWS4-HMAC-SHA256 Credential=([A-Z0-9]{16,128})\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const SKEW_MS = 15 * 60 * 1000;

export type SigV4Result =
  | { ok: true; accessKeyId: string; region: string; service: string; signedHeaders: string[] }
  | { ok: false; type: string; message: string };

const fail = (type: string, message: string): SigV4Result => ({ ok: false, type, message });

export async function verifySigV4(
  req: { method: string; path: string; headers: Record<string, string>; rawBody: string },
  secrets: Record<string, { secretAccessKey: string }>,
): Promise<SigV4Result> {
  const authorization = req.headers.authorization;
  if (!authorization) return fail("MissingAuthenticationTokenException", "Missing Authentication Token");
  const m = AUTH.exec(authorization);
  if (!m) return fail("IncompleteSignatureException", `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters. Authorization=${authorization.slice(0, 40)}…`);
  const [, accessKeyId, day, region, service, signed, signature] = m as unknown as string[];
  const date = AMZ_DATE.exec(req.headers["x-amz-date"] ?? "");
  if (!date) return fail("IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  const at = new Date(Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!, +date[4]!, +date[5]!, +date[6]!));
  if (Math.abs(Date.now() - at.getTime()) > SKEW_MS) return fail("InvalidSignatureException", "Signature expired: the request time is too far from the server time.");
  if (day !== req.headers["x-amz-date"]!.slice(0, 8)) return fail("InvalidSignatureException", "Credential should be scoped to a valid date.");
  if (service !== "bedrock") return fail("InvalidSignatureException", `Credential should be scoped to correct service: 'bedrock'.`);
  const signedHeaders = signed!.split(";");
  if (!signedHeaders.includes("host") || !signedHeaders.includes("x-amz-date")) return fail("InvalidSignatureException", "The host and x-amz-date headers must be signed.");
  const bodyHash = createHash("sha256").update(req.rawBody).digest("hex");
  const declared = req.headers["x-amz-content-sha256"];
  if (declared !== undefined && declared !== bodyHash) return fail("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.");
  const known = secrets[accessKeyId!];
  if (!known) return fail("UnrecognizedClientException", "The security token included in the request is invalid.");

  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = req.headers[name];
    if (value === undefined) return fail("InvalidSignatureException", `Signed header ${name} is missing from the request.`);
    headers[name] = value;
  }
  const [path = "/", search = ""] = req.path.split("?", 2);
  const query: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(search)) query[name] = value;
  const host = new URL(`http://${req.headers.host}`);
  const token = req.headers["x-amz-security-token"];
  const signer = new SignatureV4({
    service,
    region: region!,
    credentials: { accessKeyId: accessKeyId!, secretAccessKey: known.secretAccessKey, ...(token ? { sessionToken: token } : {}) },
    sha256: Hash.bind(null, "sha256"),
  });
  const expected = await signer.sign(
    { method: req.method, protocol: "http:", hostname: host.hostname, ...(host.port ? { port: Number(host.port) } : {}), path, query, headers, body: req.rawBody },
    { signingDate: at, unsignableHeaders: new Set(Object.keys(req.headers).filter((h) => !signedHeaders.includes(h))) },
  );
  if (!String(expected.headers.authorization).endsWith(`Signature=${signature}`)) {
    return fail("InvalidSignatureException", "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
  }
  return { ok: true, accessKeyId: accessKeyId!, region: region!, service, signedHeaders };
}
