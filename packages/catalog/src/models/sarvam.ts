// Sarvam AI's models.
//
// Not offered: sarvam-m. Sarvam made it legacy when Sarvam-30B/105B shipped and its changelog
// (2026-06) says it is "deprecated and no longer accepted". Sarvam-30B is documented too but the
// public /v1/models roster (2026-09-28) lists only sarvam-105b and sarvam-105b-conversations.
import type { ModelDefinition } from "../types.ts";
import { PRICING } from "./sources.ts";

export const sarvamModels: readonly ModelDefinition[] = [
  {
    id: "sarvam-105b",
    name: "Sarvam-105B",
    ownedBy: "sarvamai",
    contextLength: 128_000,
    offerings: [
      {
        providerId: "sarvam",
        upstreamModel: "sarvam-105b",
        // Sarvam prices in INR only: ₹29.28 in / ₹73.2 out / ₹10.98 cached per 1M tokens (read
        // 2026-09-28), converted here at ₹88 = $1. // unverified: conversion rate and effectiveFrom
        prices: [{ effectiveFrom: "2026-09-28", inputPerMTok: "0.3327", outputPerMTok: "0.8318", cachedInputPerMTok: "0.1248", source: PRICING.sarvam }],
      },
    ],
  },
];
