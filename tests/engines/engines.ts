// The two engines behind one small interface, so the smoke scenario reads the same for both:
// Firefox (Debian's firefox-esr) over WebDriver BiDi with puppeteer-core, and WebKit
// (WebKitGTK's MiniBrowser) over W3C WebDriver with WebKitWebDriver under Xvfb.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import puppeteer, { type KeyInput } from 'puppeteer-core';
import { WebDriverSession, webDriverKeys } from './webdriver.ts';

/** Wide enough for the desktop layout: the lesson and the workspace side by side. */
export const viewport = { width: 1400, height: 1000 };

/** What a test can do with a page, in any engine. Input is real (trusted) input. */
export interface Engine {
  /** "Firefox 153.7.0esr", "WebKitGTK 2.50.6". */
  readonly label: string;
  goto(url: string): Promise<void>;
  /** Runs `fn` in the page with JSON-serialisable arguments; returns its (awaited) result. */
  evaluate<A extends unknown[], T>(fn: (...args: A) => T, ...args: A): Promise<Awaited<T>>;
  /** Clicks the centre of the first element that matches `selector`. */
  click(selector: string): Promise<void>;
  /** Types text with the keyboard into whatever has focus. */
  type(text: string): Promise<void>;
  /** Presses a key or a chord such as "Enter", "Control+Home" or "Shift+Home". */
  press(chord: string): Promise<void>;
  /** Console errors, uncaught exceptions and failed loads seen so far. */
  problems(): Promise<string[]>;
  screenshot(path: `${string}.png`): Promise<void>;
  close(): Promise<void>;
}

const isLocal = (url: string, origin: string) =>
  url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:');

/** Firefox over WebDriver BiDi: console errors, exceptions and network failures come as events. */
export async function launchFirefox(executablePath: string, origin: string): Promise<Engine> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    defaultViewport: viewport,
  });
  const version = (await browser.version()).replace(/^firefox\//i, '');
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => {
    problems.push(`uncaught: ${error instanceof Error ? error.message : String(error)}`);
  });
  page.on('request', (request) => {
    if (!isLocal(request.url(), origin)) problems.push(`request off the site: ${request.url()}`);
  });
  page.on('requestfailed', (request) => {
    problems.push(`failed to load: ${request.url()} (${request.failure()?.errorText ?? '?'})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return {
    label: `Firefox ${version}`,
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    // puppeteer's own typing of page functions is stricter than this interface needs.
    evaluate: (fn, ...args) =>
      page.evaluate(fn as (...params: unknown[]) => unknown, ...args) as never,
    async click(selector) {
      await page.click(selector);
    },
    async type(text) {
      await page.keyboard.type(text);
    },
    async press(chord) {
      const keys = chord.split('+') as KeyInput[];
      const key = keys.pop();
      if (!key) throw new Error(`no key in "${chord}"`);
      for (const modifier of keys) await page.keyboard.down(modifier);
      await page.keyboard.press(key);
      for (const modifier of keys.reverse()) await page.keyboard.up(modifier);
    },
    problems: () => Promise.resolve([...problems]),
    async screenshot(path) {
      await page.screenshot({ path });
    },
    close: () => browser.close(),
  };
}

/**
 * The probe the proxy puts first in every HTML page for WebKit, whose classic WebDriver has no
 * console events: it records console.error calls, uncaught errors, unhandled rejections and
 * elements that failed to load, from before the page's own first script runs.
 */
const probeScript = `<script>(() => {
  const problems = (window.__stsEngineProblems = []);
  const show = (value) => {
    if (value instanceof Error) return value.name + ': ' + value.message;
    if (typeof value === 'string') return value;
    try { return JSON.stringify(value); } catch { return String(value); }
  };
  const consoleError = console.error.bind(console);
  console.error = (...args) => { problems.push('console.error: ' + args.map(show).join(' ')); consoleError(...args); };
  addEventListener('error', (event) => {
    if (event instanceof ErrorEvent) problems.push('uncaught: ' + event.message + ' (' + event.filename + ':' + event.lineno + ')');
    else if (event.target && event.target !== window) problems.push('failed to load: ' + (event.target.src || event.target.href || event.target.tagName));
  }, true);
  addEventListener('unhandledrejection', (event) => problems.push('unhandled rejection: ' + show(event.reason)));
})();</script>`;

/** A pass-through HTTP proxy in front of the static server that adds the probe to HTML pages. */
export interface ProbeProxy {
  readonly origin: string;
  /** Responses with status 400 or more, as "HTTP 404: /path". */
  readonly httpErrors: string[];
  close(): Promise<void>;
}

export async function startProbeProxy(target: string): Promise<ProbeProxy> {
  const httpErrors: string[] = [];
  const server: Server = createServer((request, response) => {
    void (async () => {
      const upstream = await fetch(new URL(request.url ?? '/', target), {
        method: request.method ?? 'GET',
        redirect: 'manual',
      });
      if (upstream.status >= 400) httpErrors.push(`HTTP ${upstream.status}: ${request.url}`);
      const type = upstream.headers.get('content-type') ?? '';
      const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-store' };
      const location = upstream.headers.get('location');
      if (location) headers['location'] = location;
      let body = Buffer.from(await upstream.arrayBuffer());
      if (type.startsWith('text/html')) {
        const html = body.toString('utf8');
        // First in <head>, or right after the doctype in a page that leaves <head> out.
        const at = /<head(\s[^>]*)?>/i.exec(html) ?? /<!doctype[^>]*>/i.exec(html);
        const index = at ? at.index + at[0].length : 0;
        body = Buffer.from(html.slice(0, index) + probeScript + html.slice(index));
      }
      response.writeHead(upstream.status, headers);
      response.end(body);
    })().catch((error: unknown) => {
      httpErrors.push(`proxy: ${String(error)}`);
      response.writeHead(502);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    httpErrors,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A child process whose output is kept for the failure report. */
export interface Service {
  readonly child: ChildProcess;
  readonly output: () => string;
  stop(): void;
}

function service(child: ChildProcess): Service {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    child,
    output: () => output,
    stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}

/** Starts Xvfb on a free display (it picks the number and tells us on fd 3). */
export async function startXvfb(xvfbPath: string): Promise<Service & { display: string }> {
  const child = spawn(
    xvfbPath,
    ['-displayfd', '3', '-screen', '0', '1600x1200x24', '-nolisten', 'tcp'],
    { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] },
  );
  const started = service(child);
  const display = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(
      () => reject(new Error(`Xvfb did not start:\n${started.output()}`)),
      10_000,
    );
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(`:${text.trim()}`);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code}):\n${started.output()}`));
    });
  });
  return { ...started, display };
}

/** Starts WebKitWebDriver on a free port and waits until it is ready for a session. */
export async function startWebKitDriver(
  driverPath: string,
  display: string,
): Promise<Service & { url: string }> {
  const port = await freePort();
  const child = spawn(driverPath, [`--port=${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DISPLAY: display },
  });
  const started = service(child);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const status = (await (await fetch(`${url}/status`)).json()) as { value: { ready: boolean } };
      if (status.value.ready) return { ...started, url };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      started.stop();
      throw new Error(`WebKitWebDriver did not start:\n${started.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A TCP port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Maps "Control", "Enter"… to WebDriver's key code points; printable characters stay. */
function webDriverKey(name: string): string {
  const key = webDriverKeys[name] ?? (name.length === 1 ? name : undefined);
  if (key === undefined) throw new Error(`no WebDriver key for "${name}"`);
  return key;
}

/** WebKitGTK's MiniBrowser over classic WebDriver; problems come from the probe and the proxy. */
export async function launchWebKit(driverUrl: string, proxy: ProbeProxy): Promise<Engine> {
  const session = await WebDriverSession.start(driverUrl);
  await session.setWindowRect(viewport.width, viewport.height);
  const version = session.capabilities['browserVersion'];
  return {
    label: `WebKitGTK ${typeof version === 'string' ? version : '?'}`,
    goto: (url) => session.navigate(url),
    evaluate: (fn, ...args) =>
      session.execute(`return (${fn.toString()}).apply(null, arguments);`, args) as never,
    click: (selector) => session.click(selector),
    type: (text) => session.keys([...text]),
    async press(chord) {
      const keys = chord.split('+').map(webDriverKey);
      const key = keys.pop();
      if (key === undefined) throw new Error(`no key in "${chord}"`);
      await session.keys([key], keys);
    },
    async problems() {
      const inPage = (await session.execute('return window.__stsEngineProblems ?? null;')) as
        string[] | null;
      return [
        ...(inPage ?? ['the error probe is missing from the page (was it served by the proxy?)']),
        ...proxy.httpErrors,
      ];
    },
    async screenshot(path) {
      await writeFile(path, Buffer.from(await session.screenshot(), 'base64'));
    },
    close: () => session.close(),
  };
}
