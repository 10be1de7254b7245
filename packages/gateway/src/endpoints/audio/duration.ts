// How long an uploaded audio file plays, read from the spooled file (music-metadata: WAV, MP3,
// FLAC, Ogg, M4A/MP4, WebM; headers first, a full scan only when a format needs it). Used to
// price transcriptions when the upstream reports no duration (Groq's json, text/srt/vtt answers,
// translations). A file no parser understands is estimated at 128 kbit/s (16 000 bytes a second).
import { parseFile } from "music-metadata";
import type { UploadFile } from "@switchyard/providers";

export interface Duration {
  seconds: number;
  estimated: boolean;
}

export const sizeEstimate = (file: UploadFile): Duration => ({ seconds: file.size / 16_000, estimated: true });

export async function fileDuration(file: UploadFile): Promise<Duration> {
  try {
    const { format } = await parseFile(file.path, { duration: true, skipCovers: true });
    if (format.duration !== undefined && Number.isFinite(format.duration) && format.duration >= 0) return { seconds: format.duration, estimated: false };
  } catch {
    // not an audio format music-metadata knows
  }
  return sizeEstimate(file);
}
