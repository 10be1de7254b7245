// The provider directory: catalog providers under their ids and aliases, operator overrides.
import { describe, expect, it } from "vitest";
import { withVersionPath } from "./base-url.ts";
import { buildDirectory } from "./directory.ts";

describe("buildDirectory", () => {
  it("registers aliases as the same entry as their provider, overrides included", () => {
    const directory = buildDirectory({ providers: new Map([["google", { baseUrl: "http://127.0.0.1:9/", apiKey: "house" }]]) });
    const google = directory.get("google")!;
    expect(directory.get("google-ai-studio")).toBe(google);
    expect(google).toMatchObject({ baseUrl: "http://127.0.0.1:9/", houseKey: "house", definition: { id: "google", protocol: "google" } });
    expect(directory.get("openai")?.definition.id).toBe("openai");
  });
});

describe("withVersionPath", () => {
  it("appends the default base URL's version path to a tenant's root", () => {
    expect(withVersionPath("https://proxy.example.com/", "https://api.openai.com/v1")).toBe("https://proxy.example.com/v1");
  });

  it("keeps a root as is when the default base URL is a root (native adapters add the version)", () => {
    expect(withVersionPath("https://proxy.example.com/gemini/", "https://generativelanguage.googleapis.com")).toBe("https://proxy.example.com/gemini");
  });
});
