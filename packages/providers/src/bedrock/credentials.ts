// AWS credentials for Bedrock. `target.secret` is the JSON text of the catalog's
// `jsonCredentials.aws` object: {accessKeyId, secretAccessKey, region, sessionToken?}.
// Nothing here ever echoes a value: a bad object is reported by field name only.
import type { UpstreamFailure } from "../types.ts";

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  region: string;
}

/** Commercial and GovCloud region names (us-east-1, eu-central-2, us-gov-west-1): the region goes into a host name. */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

const unusable = (why: string): UpstreamFailure => ({
  ok: false,
  kind: "auth",
  status: 401,
  message: `The AWS credentials are unusable: ${why}. Expected a JSON object {"accessKeyId", "secretAccessKey", "region", "sessionToken"?}.`,
  code: "invalid_credentials",
  param: null,
  retryAfter: null,
});

export function parseAwsCredentials(secret: string): AwsCredentials | UpstreamFailure {
  let value: unknown;
  try {
    value = JSON.parse(secret);
  } catch {
    return unusable("not JSON");
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return unusable("not a JSON object");
  const o = value as Record<string, unknown>;
  const text = (name: string) => (typeof o[name] === "string" && (o[name] as string).trim() !== "" ? (o[name] as string).trim() : undefined);
  const accessKeyId = text("accessKeyId");
  const secretAccessKey = text("secretAccessKey");
  const region = text("region");
  if (!accessKeyId || !secretAccessKey) return unusable("accessKeyId and secretAccessKey are required");
  if (!region || !REGION.test(region)) return unusable("region must be an AWS region name such as us-east-1");
  const sessionToken = text("sessionToken");
  return { accessKeyId, secretAccessKey, region, ...(sessionToken ? { sessionToken } : {}) };
}
