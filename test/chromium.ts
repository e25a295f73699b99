// The system Chromium the page tests and bench:web drive through playwright-core (no browser
// download at install), with the switches that keep it offline and quiet: no background
// networking, component updates, sync or QUIC, so a run talks only to 127.0.0.1.
export const CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
