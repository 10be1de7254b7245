// What users paste as credentials: plain keys and the JSON objects of AWS and Azure.
import { describe, expect, it } from "vitest";
import { jsonCredentials, type CredentialField } from "@switchyard/catalog";
import { parseCredentials } from "./credentials.ts";

const fail = (raw: string, fields: readonly CredentialField[] = jsonCredentials.aws) => {
  try {
    parseCredentials(raw, fields);
  } catch (error) {
    return { message: (error as Error).message, field: (error as { field?: string }).field };
  }
  throw new Error("expected a failure");
};

describe("credentials", () => {
  it("takes a plain key as is", () => {
    expect(parseCredentials("  sk-abc123456789xyz  ", undefined)).toEqual({ secret: "sk-abc123456789xyz", maskSource: "sk-abc123456789xyz", settings: {} });
  });

  it("splits AWS credentials into the encrypted secret and readable settings", () => {
    const parsed = parseCredentials(JSON.stringify({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", region: "us-east-1" }), jsonCredentials.aws);
    expect(parsed.settings).toEqual({ accessKeyId: "AKIAEXAMPLE", region: "us-east-1" });
    expect(parsed.maskSource).toBe("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    expect(JSON.parse(parsed.secret)).toMatchObject({ secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" });
  });

  it("keeps Azure's optional per-endpoint deployments (realtime and images included) as readable settings", () => {
    const parsed = parseCredentials(JSON.stringify({ endpoint: "https://x.openai.azure.com", apiKey: "az-secret", deploymentName: "chat", apiVersion: "v1", realtimeDeploymentName: "team-rt", imageDeploymentName: "team-img" }), jsonCredentials.azure);
    expect(parsed.settings).toEqual({ endpoint: "https://x.openai.azure.com", deploymentName: "chat", apiVersion: "v1", realtimeDeploymentName: "team-rt", imageDeploymentName: "team-img" });
    expect(JSON.parse(parsed.secret)).toMatchObject({ realtimeDeploymentName: "team-rt", apiKey: "az-secret" });
  });

  it("names the missing, extra or ill-typed field precisely", () => {
    expect(fail('{"accessKeyId":"A","region":"us-east-1"}')).toEqual({ field: "secret", message: expect.stringContaining('miss the required field "secretAccessKey"') });
    expect(fail('{"accessKeyId":"A","secretAccessKey":"s","region":"r","regoin":"x"}').message).toMatch(/Unknown field "regoin"/);
    expect(fail('{"accessKeyId":"A","secretAccessKey":7,"region":"r"}').message).toMatch(/"secretAccessKey" must be a string/);
    expect(fail("not json").message).toMatch(/not valid JSON/);
    expect(fail("[1,2]").message).toMatch(/must be a JSON object with the fields accessKeyId, secretAccessKey, region, sessionToken/);
    expect(fail('{"endpoint":"https://x.openai.azure.com","apiKey":"k"}', jsonCredentials.azure).message).toMatch(/"deploymentName"/);
    expect(fail('{"endpoint":"https://x.services.ai.azure.com"}', jsonCredentials["azure-anthropic-foundry"]).message).toMatch(/"apiKey"/);
  });

  it("refuses empty keys and keys with whitespace inside", () => {
    expect(() => parseCredentials("", undefined)).toThrow(/empty/);
    expect(() => parseCredentials("sk-abc def", undefined)).toThrow(/whitespace/);
  });
});
