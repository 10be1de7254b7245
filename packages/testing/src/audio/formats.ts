// Audio the mock makes and reads: OpenAI's speech formats with their content types and plausible
// bytes (a real WAV header and PCM samples; compressed formats as their container's magic bytes
// and filler at a typical bitrate), and the duration of an uploaded file (exact for WAV, else
// estimated from its size at 128 kbit/s, as a mock may).

export const SPEECH_FORMATS = ["mp3", "opus", "aac", "flac", "wav", "pcm"] as const;
export type SpeechFormat = (typeof SPEECH_FORMATS)[number];

/** The content-type OpenAI's speech endpoint answers with per response_format. */
export const SPEECH_CONTENT_TYPES: Record<SpeechFormat, string> = {
  mp3: "audio/mpeg",
  opus: "audio/opus",
  aac: "audio/aac",
  flac: "audio/flac",
  wav: "audio/wav",
  pcm: "audio/pcm",
};

/** OpenAI's speech is 24 kHz, 16-bit, mono. */
export const SAMPLE_RATE = 24_000;
const PCM_BYTES_PER_SECOND = SAMPLE_RATE * 2;
const BYTES_PER_SECOND: Record<SpeechFormat, number> = { mp3: 16_000, opus: 8_000, aac: 16_000, flac: 30_000, wav: PCM_BYTES_PER_SECOND, pcm: PCM_BYTES_PER_SECOND };
const MAGIC: Partial<Record<SpeechFormat, Buffer>> = {
  mp3: Buffer.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xf3, 0x84, 0xc4]),
  opus: Buffer.from("OggS\0\x02", "latin1"),
  aac: Buffer.from([0xff, 0xf1, 0x60, 0x40]),
  flac: Buffer.from("fLaC", "latin1"),
};

/** A RIFF/WAVE header for `dataBytes` bytes of 16-bit mono PCM at `sampleRate`. */
export function wavHeader(dataBytes: number, sampleRate = SAMPLE_RATE): Buffer {
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "latin1");
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write("WAVEfmt ", 8, "latin1");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "latin1");
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/** A WAV file of 16-bit mono `pcm` samples at `sampleRate`. */
export function wavFile(pcm: Buffer, sampleRate = SAMPLE_RATE): Buffer {
  return Buffer.concat([wavHeader(pcm.length, sampleRate), pcm]);
}

/** `seconds` of a 440 Hz tone as 16-bit little-endian PCM. */
export function pcmTone(seconds: number, sampleRate = SAMPLE_RATE): Buffer {
  const samples = Math.max(1, Math.round(seconds * sampleRate));
  const out = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) out.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate)), i * 2);
  return out;
}

/** The whole audio file a speech request produces, `seconds` long. */
export function speechAudio(format: SpeechFormat, seconds: number): Buffer {
  if (format === "pcm") return pcmTone(seconds);
  if (format === "wav") return wavFile(pcmTone(seconds));
  const size = Math.max(64, Math.round(seconds * BYTES_PER_SECOND[format]));
  const out = Buffer.alloc(size, 0x55);
  MAGIC[format]!.copy(out, 0);
  return out;
}

/** Duration in seconds of an uploaded file: the WAV header's when it is one, else size at 128 kbit/s. */
export function fileDuration(bytes: Buffer): number {
  if (bytes.length >= 44 && bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WAVE") {
    const byteRate = bytes.readUInt32LE(28);
    let offset = 12;
    while (offset + 8 <= bytes.length) {
      const id = bytes.toString("latin1", offset, offset + 4);
      const size = bytes.readUInt32LE(offset + 4);
      if (id === "data" && byteRate > 0) return Math.min(size, bytes.length - offset - 8) / byteRate;
      offset += 8 + size + (size % 2);
    }
  }
  return bytes.length / 16_000;
}
