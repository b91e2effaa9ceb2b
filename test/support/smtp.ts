import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// A real SMTP server in the test process: every accepted message is kept raw and parsed, and a
// test can make it refuse the next messages to an address, as a mail server under load does.

export interface ReceivedMail {
  to: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface TestSmtp {
  url: string;
  received: ReceivedMail[];
  /** Refuse (451, temporary) the next `times` messages to `address`; counts refusals in `refused`. */
  refuseNext(address: string, times: number): void;
  refused: Map<string, number>;
  /** Resolves once `count` messages to `address` were accepted. */
  waitFor(address: string, count?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

/** Starts an SMTP server on a free loopback port (no TLS, no auth). */
export async function startTestSmtp(): Promise<TestSmtp> {
  const received: ReceivedMail[] = [];
  const refusing = new Map<string, number>();
  const refused = new Map<string, number>();
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const refuse = to.find((a) => (refusing.get(a) ?? 0) > 0);
        if (refuse) {
          refusing.set(refuse, refusing.get(refuse)! - 1);
          refused.set(refuse, (refused.get(refuse) ?? 0) + 1);
          const error = Object.assign(new Error('try again later'), { responseCode: 451 });
          return callback(error);
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({ to, raw, parsed: await simpleParser(raw) });
        callback();
        for (const wake of waiters.splice(0)) wake();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const matching = (address: string) => received.filter((m) => m.to.includes(address));
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    refused,
    refuseNext: (address, times) => refusing.set(address, times),
    waitFor: async (address, count = 1) => {
      while (matching(address).length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return matching(address);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
