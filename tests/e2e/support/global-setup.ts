// Global setup of the browser tests: Debian's chromium (installed with apt when missing, never a downloaded
// browser) and an empty folder for this run's screenshots.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const ARTIFACTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../artifacts");
const PACKAGES = ["chromium", "fonts-noto-cjk"];
// Without a CJK font every Chinese character renders as a box in the screenshots.
const CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

function run(command: string, args: string[]): boolean {
  console.log(`[e2e] ${command} ${args.join(" ")}`);
  return spawnSync(command, args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
}

function installChromium() {
  const asRoot = process.getuid?.() === 0;
  const privileged = (args: string[]): [string, string[]] => (asRoot ? [args[0]!, args.slice(1)] : ["sudo", ["-n", ...args]]);
  const installed =
    fs.existsSync("/usr/bin/apt-get") &&
    run(...privileged(["apt-get", "update"])) &&
    run(...privileged(["apt-get", "install", "-y", "--no-install-recommends", ...PACKAGES]));
  if (!installed || !fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `The browser tests need Debian's chromium at ${CHROMIUM_PATH} and could not install it` +
        `${asRoot ? "" : " (sudo without a password was refused)"}. As root, run: ` +
        `apt-get update && apt-get install -y --no-install-recommends ${PACKAGES.join(" ")}. The tests never download a browser.`,
    );
  }
}

export function setup() {
  if (!fs.existsSync(CHROMIUM_PATH) || !fs.existsSync(CJK_FONT)) installChromium();
  fs.rmSync(ARTIFACTS_DIR, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
}
