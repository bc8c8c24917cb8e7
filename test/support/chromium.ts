// How every browser here is launched: Debian's Chromium (Playwright cannot download its own in
// this environment) unless CHROMIUM_PATH names another or PLAYWRIGHT_BUNDLED=1 asks for
// Playwright's; flags that keep a headless Chromium from reaching for the network.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The zone every test runs in, browser and Node alike (vitest pins the same): the data's times are
 * naive China time, and a figure that moved with the machine's zone would be a bug to catch, not a
 * difference between machines.
 */
export const TIME_ZONE = 'Asia/Shanghai';

export function chromiumExecutablePath(): string | undefined {
  return process.env.PLAYWRIGHT_BUNDLED ? undefined : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
}
