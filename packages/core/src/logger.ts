// Structured JSON logs (pino). Authorization headers and known secret fields are redacted
// wherever they appear in a log object, two levels deep.
import { pino, type DestinationStream, type Logger } from "pino";

export type { Logger };

const SECRET_FIELDS = [
  "authorization",
  "x-api-key",
  "api-key",
  "apiKey",
  "api_key",
  "secret",
  "password",
  "token",
  "adminToken",
  "accessToken",
  "credentials",
  "masterKeys",
  "hmacKey",
];

const REDACT_PATHS = SECRET_FIELDS.flatMap((f) => {
  const key = /^[a-zA-Z_]\w*$/.test(f) ? f : `["${f}"]`;
  const dot = key.startsWith("[") ? "" : ".";
  return [key.startsWith("[") ? key : f, `*${dot}${key}`, `*.*${dot}${key}`];
});

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
