// PGlite is single-process: a second process opening the same directory would corrupt it.
// A pid file guards the directory; a stale one (its process gone) is taken over.
import { readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { SwitchyardError } from "@switchyard/core";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function lockPGliteDir(dir: string): Promise<() => Promise<void>> {
  const file = join(dir, "switchyard.pid");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await writeFile(file, String(process.pid), { flag: "wx" });
      return () => unlink(file).catch(() => {});
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number((await readFile(file, "utf8").catch(() => "")).trim());
      if (pid && pid !== process.pid && alive(pid)) {
        throw new SwitchyardError(
          "service_unavailable",
          `The embedded database in ${dir} is in use by another Switchyard process (pid ${pid}). PGlite is single-process: stop that process, or set DATABASE_URL to use PostgreSQL from several processes.`,
        );
      }
      await unlink(file).catch(() => {});
    }
  }
  throw new SwitchyardError("service_unavailable", `Could not lock the embedded database in ${dir}.`);
}
