/**
 * Debian's Chromium, headless, driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`:
 * no port, no extra package). Opens a page with the network off — every host name resolves to nothing, so
 * no request can leave the machine — and reports every request the page made, every console message and
 * every error (a CSP violation is a console error). Also evaluates expressions in the page (DevTools
 * evaluation is not subject to the page's CSP) and prints it to PDF.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

export interface PageVisit {
  /** URLs the page requested (the document itself included). */
  requests: string[];
  /** Requests the browser blocked before sending, with why (`csp`, …). */
  blocked: string[];
  /** Console messages and log entries of level error or warning, and uncaught exceptions. */
  errors: string[];
  /** Results of the expressions, in order. */
  values: unknown[];
  /** Size of the page printed to PDF, in bytes. */
  pdfBytes: number;
}

type Message = {
  id?: number;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: { message: string };
  sessionId?: string;
};

export async function visitPage(url: string, expressions: string[] = []): Promise<PageVisit> {
  const profile = mkdtempSync(join(tmpdir(), 'chromium-'));
  const child: ChildProcess = spawn(
    'chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--remote-debugging-pipe',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] },
  );
  const input = child.stdio[3] as Writable;
  const output = child.stdio[4] as Readable;
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  let nextId = 0;
  const waiting = new Map<number, { resolve: (m: Message) => void; reject: (e: Error) => void }>();
  const listeners: ((m: Message) => void)[] = [];
  let buffer = '';
  output.on('data', (chunk) => {
    buffer += String(chunk);
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end)) as Message;
      buffer = buffer.slice(end + 1);
      if (message.id !== undefined && waiting.has(message.id)) {
        const w = waiting.get(message.id)!;
        waiting.delete(message.id);
        if (message.error) w.reject(new Error(message.error.message));
        else w.resolve(message);
      } else for (const l of listeners) l(message);
    }
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
    new Promise<Message>((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, { resolve, reject });
      input.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + '\0');
    });
  const visit: PageVisit = { requests: [], blocked: [], errors: [], values: [], pdfBytes: 0 };
  const urls = new Map<string, string>();
  try {
    const target = await send('Target.createTarget', { url: 'about:blank' });
    const attached = await send('Target.attachToTarget', {
      targetId: target.result!.targetId,
      flatten: true,
    });
    const session = attached.result!.sessionId as string;
    let loaded!: () => void;
    const load = new Promise<void>((resolve) => (loaded = resolve));
    listeners.push((m) => {
      if (m.sessionId !== session) return;
      const p = m.params ?? {};
      if (m.method === 'Network.requestWillBeSent') {
        visit.requests.push(String((p.request as { url: string }).url));
        urls.set(String(p.requestId), String((p.request as { url: string }).url));
      }
      if (m.method === 'Network.loadingFailed' && p.blockedReason)
        visit.blocked.push(`${String(p.blockedReason)}: ${urls.get(String(p.requestId))}`);
      if (m.method === 'Runtime.consoleAPICalled' && ['error', 'warning', 'assert'].includes(String(p.type)))
        visit.errors.push(`console.${p.type}: ${JSON.stringify(p.args)}`);
      if (m.method === 'Runtime.exceptionThrown')
        visit.errors.push(`exception: ${JSON.stringify(p.exceptionDetails)}`);
      if (m.method === 'Log.entryAdded') {
        const entry = p.entry as { level: string; text: string; url?: string };
        if (entry.level === 'error' || entry.level === 'warning')
          visit.errors.push(`log ${entry.level}: ${entry.text}`);
      }
      if (m.method === 'Page.loadEventFired') loaded();
    });
    for (const domain of ['Network', 'Runtime', 'Log', 'Page']) await send(`${domain}.enable`, {}, session);
    await send('Page.navigate', { url }, session);
    await load;
    // Late requests (lazy images, fonts) would start right after load: give them a moment to show up.
    await new Promise((r) => setTimeout(r, 300));
    for (const expression of expressions) {
      const r = await send('Runtime.evaluate', { expression, returnByValue: true }, session);
      visit.values.push((r.result!.result as { value: unknown }).value);
    }
    const pdf = await send('Page.printToPDF', {}, session);
    visit.pdfBytes = Buffer.from(String(pdf.result!.data), 'base64').length;
    await send('Browser.close').catch(() => undefined);
  } catch (e) {
    throw new Error(`chromium: ${(e as Error).message}\n${stderr.slice(-2000)}`);
  } finally {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    rmSync(profile, { recursive: true, force: true });
  }
  return visit;
}
