import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import juice from 'juice';
import type { EmailContent } from '../db/schema';
import type { DigestModel } from './digest';

// Emails from eta templates: HTML with every value escaped (autoEscape; feed-supplied titles and
// claims are never trusted), its CSS inlined by juice because many mail clients drop <style>;
// and a plain-text part from templates that do not escape (text is not HTML).
//
// juice runs once per template, not once per email: each page (layout with its body template in
// place) is inlined at first use with the template tags left alone (juice's EJS code blocks are
// eta's `<% %>`), then compiled. Inlining every one of 10,000 digests would cost minutes.

const views = path.join(path.dirname(fileURLToPath(import.meta.url)), 'templates');
const html = new Eta({ views, autoEscape: true, autoTrim: false, cache: true });
const text = new Eta({ views, autoEscape: false, autoTrim: false, cache: true });

const KIND_TEXT: Record<string, string> = { digest: 'digests', alert: 'alerts' };

const loaded = new Set<string>();
function page(bodyTemplate: string, data: Record<string, unknown>): string {
  const name = `@page-${bodyTemplate}`;
  if (!loaded.has(name)) {
    const layout = readFileSync(path.join(views, 'layout.eta'), 'utf8');
    const body = readFileSync(path.join(views, bodyTemplate), 'utf8');
    const source = layout.replace('<%~ it.body %>', () => body);
    // Keep the <style> block too: clients that honour it get the same rules, with media queries intact.
    html.loadTemplate(name, juice(source, { preserveMediaQueries: true, removeStyleTags: false }));
    loaded.add(name);
  }
  return html.render(name, data);
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const day = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

/** The digest email: subject, HTML and text. */
export function renderDigest(model: DigestModel, unsubscribeUrl: string): EmailContent {
  const top = model.items[0];
  const subject = `Crosscheck digest: ${plural(model.items.length, 'event')}${top ? ` — ${truncate(top.title, 70)}` : ''}`;
  const data = {
    heading: 'Your Crosscheck digest',
    lede: `${plural(model.items.length, 'event')} from ${day(model.windowStart)} to ${day(model.windowEnd)}, most important first.`,
    items: model.items,
    unsubscribeUrl,
  };
  return {
    subject,
    html: page('digest.html.eta', { ...data, title: subject, kindText: KIND_TEXT.digest }),
    text: text.render('./digest.txt.eta', data),
  };
}

export interface AlertChange {
  title: string;
  url: string;
  what: string;
  confidenceText: string;
  claimText?: string;
  reason: string;
}

/** One alert email for a batch of changes. */
export function renderAlert(changes: AlertChange[], unsubscribeUrl: string): EmailContent {
  const subject =
    changes.length === 1 ? `Crosscheck alert: ${truncate(changes[0].title, 60)} — ${changes[0].what}` : `Crosscheck alert: ${plural(changes.length, 'change')}`;
  const data = { heading: 'Crosscheck alert', lede: `${plural(changes.length, 'change')} matching your subscription.`, changes, unsubscribeUrl };
  return {
    subject,
    html: page('alert.html.eta', { ...data, title: subject, kindText: KIND_TEXT.alert }),
    text: text.render('./alert.txt.eta', data),
  };
}

/** The one email a pending sign-up receives. */
export function renderConfirmation(email: string, kind: string, confirmUrl: string): EmailContent {
  const subject = 'Confirm your Crosscheck subscription';
  const data = { email, confirmUrl, kindText: KIND_TEXT[kind] ?? kind };
  return {
    subject,
    html: page('confirm.html.eta', { ...data, title: subject, unsubscribeUrl: undefined }),
    text: text.render('./confirm.txt.eta', data),
  };
}

function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
