// What the ui-check scripts share: Debian's Chromium, installed if missing (never a downloaded browser), started
// headless with a throw-away profile.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.SCRIPTORIUM_CHROMIUM || '/usr/bin/chromium';

/** Debian's Chromium; on a fresh machine apt-get installs it (as root, or through sudo). Exits 2 if it cannot. */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) {
    return;
  }
  console.log(`ui-check: ${CHROMIUM} is missing; installing Debian's chromium with apt-get`);
  const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
  const run = (args) => execFileSync(sudo.length ? 'sudo' : args[0], sudo.length ? args : args.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  try {
    run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']);
  }
  catch {
    // A fresh image often has no package lists yet.
    run(['apt-get', 'update']);
    run(['apt-get', 'install', '-y', '--no-install-recommends', 'chromium']);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`ui-check: apt-get finished but ${CHROMIUM} is still missing`);
    process.exit(2);
  }
}

/** A persistent context on a fresh profile directory (the caller deletes it afterwards). */
export async function launch(userDataDir, viewport) {
  // launchPersistentContext, because Playwright owns --user-data-dir.
  // Playwright adds --headless and --no-sandbox itself; the rest keeps Chromium off the network except for the UI.
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport,
  });
}

/** The first line of an error's message: Playwright's carry a call log after it. */
export function firstLine(error) {
  return String(error?.message ?? error).split('\n')[0];
}
