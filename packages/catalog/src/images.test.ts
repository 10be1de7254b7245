import { describe, expect, it } from "vitest";
import { getModel, getProvider, models, modelKind, priceAt } from "./index.ts";

const NOW = new Date();
const imageModels = models.filter((m) => modelKind(m) === "image");

describe("image models", () => {
  it("include OpenAI's image models and a hosted one", () => {
    expect(imageModels.map((m) => m.id)).toEqual(expect.arrayContaining(["dall-e-2", "dall-e-3", "gpt-image-1", "gpt-image-1-mini", "flux-pro"]));
  });

  it.each(imageModels.map((m) => [m.id, m] as const))("%s is offered only by providers that serve /v1/images", (_id, model) => {
    for (const offering of model.offerings) expect(getProvider(offering.providerId)?.supports?.images, offering.providerId).toBe(true);
  });

  it.each(imageModels.map((m) => [m.id, m] as const))("%s is priced per image or per image token", (_id, model) => {
    for (const offering of model.offerings) {
      const price = priceAt(offering, NOW)!;
      const perImage = Object.entries(price.perImage ?? {});
      expect(perImage.length > 0 || price.imageOutputPerMTok !== undefined).toBe(true);
      for (const [variant, usd] of perImage) {
        expect(variant).toMatch(/^[a-z]+:\d+x\d+$/);
        expect(Number(usd)).toBeGreaterThan(0);
      }
    }
  });

  it("price dall-e-3 by quality and size as OpenAI lists it", () => {
    const price = priceAt(getModel("dall-e-3")!.offerings[0]!, NOW)!;
    expect(price.perImage).toMatchObject({ "standard:1024x1024": "0.04", "standard:1792x1024": "0.08", "hd:1024x1024": "0.08", "hd:1024x1792": "0.12" });
  });
});
