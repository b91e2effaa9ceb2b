import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Settings } from '../config/env';
import type { EmailContent } from '../db/schema';

// How emails leave: nodemailer over SMTP_URL, or, without it, an RFC 5322 .eml file per message
// in $DATA_DIR/outbox (nodemailer builds the same MIME message and hands it over as a buffer).

export interface OutgoingEmail {
  to: string;
  content: EmailContent;
  /** Stable per stored message, so a retried send carries the same Message-ID (and file name). */
  messageId: string;
  unsubscribeUrl?: string;
}

export interface Mailer {
  readonly kind: 'smtp' | 'outbox';
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
}

/** The mailer the settings ask for. */
export function createMailer(settings: Pick<Settings, 'smtpUrl' | 'dataDir' | 'mailFrom' | 'unsubscribeMailto'>): Mailer {
  const smtp = settings.smtpUrl !== undefined;
  const transport = smtp
    ? nodemailer.createTransport(settings.smtpUrl!)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const outboxDir = path.join(settings.dataDir, 'outbox');
  return {
    kind: smtp ? 'smtp' : 'outbox',
    async send(email) {
      const unsubscribe = email.unsubscribeUrl
        ? [email.unsubscribeUrl, ...(settings.unsubscribeMailto ? [`mailto:${settings.unsubscribeMailto}?subject=unsubscribe`] : [])]
        : undefined;
      const info = await transport.sendMail({
        from: settings.mailFrom,
        to: email.to,
        subject: email.content.subject,
        text: email.content.text,
        html: email.content.html,
        messageId: email.messageId,
        ...(unsubscribe ? { list: { unsubscribe } } : {}),
        // RFC 8058: a POST to the List-Unsubscribe URL unsubscribes without a page in between.
        headers: unsubscribe ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
      });
      if (!smtp) {
        await mkdir(outboxDir, { recursive: true });
        const file = path.join(outboxDir, `${email.messageId.replace(/[<>]/g, '').replace(/[^A-Za-z0-9._-]/g, '_')}.eml`);
        // Written whole, then renamed: a reader never sees half a message, a retry overwrites the same file.
        await writeFile(`${file}.tmp`, info.message as Buffer);
        await rename(`${file}.tmp`, file);
      }
    },
    close() {
      transport.close();
    },
  };
}
