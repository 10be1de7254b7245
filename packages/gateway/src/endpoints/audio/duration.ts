// How long an uploaded audio file plays, read from the spooled file (music-metadata: WAV, MP3,
// FLAC, Ogg, M4A/MP4, WebM; headers first, a full scan only when a format needs it). Used to
// price transcriptions when the upstream reports no duration (Groq's json, text/srt/vtt answers,
// translations). A file no parser understands, or whose reading takes longer than
// DURATION_TIMEOUT_MS (a corrupt file sending the parser on a long scan), is estimated at
// 128 kbit/s (16 000 bytes a second); the late reading is aborted.
import type { UploadFile } from "@switchyard/providers";

export interface Duration {
  seconds: number;
  estimated: boolean;
}

/** Reads a file's playing time in seconds (undefined: not known); stops when `signal` aborts. */
export type DurationReader = (path: string, signal: AbortSignal) => Promise<number | undefined>;

export const DURATION_TIMEOUT_MS = 2000;

export const sizeEstimate = (file: UploadFile): Duration => ({ seconds: file.size / 16_000, estimated: true });

export const readWithMusicMetadata: DurationReader = async (path, signal) => {
  // Imported on first use: the parser (about 60 modules) stays out of gateways that never transcribe.
  const [{ parseFromTokenizer }, { fromFile }] = await Promise.all([import("music-metadata"), import("strtok3")]);
  const tokenizer = await fromFile(path, { abortSignal: signal });
  try {
    return (await parseFromTokenizer(tokenizer, { duration: true, skipCovers: true })).format.duration;
  } finally {
    await tokenizer.close();
  }
};

export async function fileDuration(file: UploadFile, options: { timeoutMs?: number; read?: DurationReader } = {}): Promise<Duration> {
  const { timeoutMs = DURATION_TIMEOUT_MS, read = readWithMusicMetadata } = options;
  const stop = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      stop.abort();
      resolve(undefined);
    }, timeoutMs);
  });
  // Not an audio format music-metadata knows, or unreadable: estimated from the size.
  const reading = read(file.path, stop.signal).catch(() => undefined);
  try {
    const seconds = await Promise.race([reading, late]);
    if (seconds !== undefined && Number.isFinite(seconds) && seconds >= 0) return { seconds, estimated: false };
  } finally {
    clearTimeout(timer);
  }
  return sizeEstimate(file);
}
