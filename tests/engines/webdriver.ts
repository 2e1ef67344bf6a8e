// A minimal W3C WebDriver (classic) client over fetch: just the commands the engine suite uses,
// against WebKitGTK's WebKitWebDriver. https://www.w3.org/TR/webdriver2/

/** The key that identifies an element reference in WebDriver's JSON. */
const elementKey = 'element-6066-11e4-a52e-4f735466cecf';

/** WebDriver's code points for the non-printing keys the suite presses. */
export const webDriverKeys: Readonly<Record<string, string>> = {
  Backspace: '\uE003',
  Tab: '\uE004',
  Enter: '\uE007',
  Shift: '\uE008',
  Control: '\uE009',
  Alt: '\uE00A',
  Escape: '\uE00C',
  End: '\uE010',
  Home: '\uE011',
  ArrowLeft: '\uE012',
  ArrowUp: '\uE013',
  ArrowRight: '\uE014',
  ArrowDown: '\uE015',
  Delete: '\uE017',
};

type KeyAction = { type: 'keyDown' | 'keyUp'; value: string };

export class WebDriverError extends Error {
  /** WebDriver's error code, such as "no such element". */
  readonly error: string;

  constructor(command: string, error: string, message: string) {
    super(`${command}: ${error}: ${message}`);
    this.error = error;
  }
}

async function call(
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as { value: unknown };
  if (!response.ok) {
    const { error, message } = json.value as { error: string; message: string };
    throw new WebDriverError(`${method} ${new URL(url).pathname}`, error, message);
  }
  return json.value;
}

/** One WebDriver session. */
export class WebDriverSession {
  private readonly url: string;
  readonly capabilities: Record<string, unknown>;

  private constructor(url: string, capabilities: Record<string, unknown>) {
    this.url = url;
    this.capabilities = capabilities;
  }

  /** Starts a session on the WebDriver server at `serverUrl`. */
  static async start(
    serverUrl: string,
    alwaysMatch: Record<string, unknown> = {},
  ): Promise<WebDriverSession> {
    const value = (await call('POST', `${serverUrl}/session`, {
      capabilities: { alwaysMatch },
    })) as { sessionId: string; capabilities: Record<string, unknown> };
    return new WebDriverSession(`${serverUrl}/session/${value.sessionId}`, value.capabilities);
  }

  private send(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
    return call(method, `${this.url}${path}`, body);
  }

  async navigate(url: string): Promise<void> {
    await this.send('POST', '/url', { url });
  }

  async setWindowRect(width: number, height: number): Promise<void> {
    await this.send('POST', '/window/rect', { x: 0, y: 0, width, height });
  }

  /** Runs a function body in the page; `arguments` holds `args`. */
  execute(body: string, args: unknown[] = []): Promise<unknown> {
    return this.send('POST', '/execute/sync', { script: body, args });
  }

  /** The first element matching a CSS selector (throws "no such element" otherwise). */
  async findElement(selector: string): Promise<string> {
    const value = (await this.send('POST', '/element', {
      using: 'css selector',
      value: selector,
    })) as Record<string, string>;
    const id = value[elementKey];
    if (!id) throw new Error(`WebDriver returned no element for ${selector}`);
    return id;
  }

  /** Element Click: scrolls the element into view and clicks its centre, as a user would. */
  async click(selector: string): Promise<void> {
    const id = await this.findElement(selector);
    await this.send('POST', `/element/${id}/click`, {});
  }

  /** Presses and releases keys in order, holding any listed in `hold` around them. */
  async keys(sequence: string[], hold: string[] = []): Promise<void> {
    const actions: KeyAction[] = [];
    for (const key of hold) actions.push({ type: 'keyDown', value: key });
    for (const key of sequence) {
      actions.push({ type: 'keyDown', value: key }, { type: 'keyUp', value: key });
    }
    for (const key of [...hold].reverse()) actions.push({ type: 'keyUp', value: key });
    await this.send('POST', '/actions', {
      actions: [{ type: 'key', id: 'keyboard', actions }],
    });
    await this.send('DELETE', '/actions');
  }

  /** A PNG of the viewport, base64-encoded. */
  async screenshot(): Promise<string> {
    return (await this.send('GET', '/screenshot')) as string;
  }

  async close(): Promise<void> {
    await this.send('DELETE', '');
  }
}
