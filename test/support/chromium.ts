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

export function chromiumExecutablePath(): string | undefined {
  return process.env.PLAYWRIGHT_BUNDLED ? undefined : (process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
}
