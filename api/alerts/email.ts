// E-mail delivery: one multipart message (text + HTML) per real-time alert or digest, over SMTP with
// nodemailer. Arabic is marked up right-to-left (`dir="rtl" lang="ar"`) block by block, so a French
// title and an Arabic one each read in their own direction. One-click unsubscribe per RFC 8058:
// `List-Unsubscribe` with an HTTPS URL plus `List-Unsubscribe-Post: List-Unsubscribe=One-Click`.
import nodemailer from 'nodemailer';
import { AppError } from '../../pipeline/errors.ts';
import type { AlertEvent } from '../../store/deliveries.ts';
import type { AlertsConfig } from './config.ts';
import type { CaseSummary, DocumentSummary, Payload } from './events.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  messageId: string;
}

/** The mail port: nodemailer over SMTP here; tests use a real SMTP server (smtp-server). */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export function createSmtpMailer(config: AlertsConfig): Mailer | null {
  if (!config.smtpHost) return null;
  const transport = nodemailer.createTransport({
    host: config.smtpHost,
    port: config.smtpPort,
    secure: config.smtpSecure,
    auth: config.smtpUser ? { user: config.smtpUser, pass: config.smtpPassword ?? '' } : undefined,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(m) {
      try {
        await transport.sendMail({
          from: config.smtpFrom,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          headers: m.headers,
          messageId: m.messageId,
        });
      } catch (e) {
        const err = e as Error & { responseCode?: number };
        // The SMTP reply, not the credentials: nodemailer's messages never include the password.
        throw new AppError('DELIVERY_FAILED', `SMTP delivery failed: ${err.message}`.slice(0, 300), {
          details: { responseCode: err.responseCode },
        });
      }
    },
    close() {
      transport.close();
    },
  };
}

const ARABIC = /[\u0600-\u06ff]/;
const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** A block in its own direction: Arabic text right-to-left, the rest left-to-right. */
function block(text: string, tag = 'p', style = ''): string {
  const rtl = ARABIC.test(text);
  const attrs = rtl ? ' dir="rtl" lang="ar" style="text-align:right;' : ' dir="ltr" style="text-align:left;';
  return `<${tag}${attrs}${style}">${esc(text)}</${tag}>`;
}

const EVENT_LABEL: Record<string, { fr: string; ar: string }> = {
  'document.new': { fr: 'Nouveau document', ar: 'وثيقة جديدة' },
  'case.new': { fr: 'Nouvelle affaire', ar: 'قضية جديدة' },
  'case.document_added': { fr: "L'affaire avance", ar: 'تطور في القضية' },
  'deadline.upcoming': { fr: 'Échéance proche', ar: 'أجل قريب' },
  'deadline.today': { fr: "Échéance aujourd'hui", ar: 'أجل اليوم' },
};

function eventTitle(e: AlertEvent): string {
  const doc = e.document as DocumentSummary | undefined;
  const c = e.case as CaseSummary | null | undefined;
  if (e.type === 'case.new' && c) return c.title.fr || c.title.ar;
  return doc?.title ?? c?.title.fr ?? e.key;
}

function eventLines(e: AlertEvent): string[] {
  const doc = e.document as DocumentSummary | undefined;
  const c = e.case as CaseSummary | null | undefined;
  const d = e.deadline as { date: string; label: string; daysLeft: number } | undefined;
  const lines: string[] = [];
  if (d) lines.push(`${d.date} — ${d.label}${d.daysLeft > 0 ? ` (J-${d.daysLeft})` : ''}`);
  if (c && e.type !== 'case.new') lines.push(c.title.fr);
  if (c?.title.ar) lines.push(c.title.ar);
  if (doc) lines.push([doc.outlet, doc.publishedAt?.slice(0, 10)].filter(Boolean).join(' · '));
  if (doc?.url) lines.push(doc.url);
  lines.push((c && e.type !== 'document.new' ? c.link : doc?.link) ?? '');
  return lines.filter(Boolean);
}

export function renderEmail(payload: Payload, to: string): MailMessage {
  const n = payload.events.length;
  const first = payload.events[0];
  const label = first ? (EVENT_LABEL[first.type] ?? EVENT_LABEL['document.new']) : EVENT_LABEL['document.new'];
  const name = payload.subscription.name ?? payload.subscription.kind;
  const subject =
    payload.type === 'digest'
      ? `Raqib — ${name}: ${n} alerte${n > 1 ? 's' : ''}`
      : `Raqib — ${label?.fr}: ${first ? eventTitle(first) : name}`.slice(0, 200);

  const text = [
    `Raqib (رقيب) — ${name}`,
    '',
    ...payload.events.flatMap((e) => [
      `${EVENT_LABEL[e.type]?.fr ?? e.type} / ${EVENT_LABEL[e.type]?.ar ?? ''}`,
      `  ${eventTitle(e)}`,
      ...eventLines(e).map((l) => `  ${l}`),
      '',
    ]),
    `Flux Atom / Feed: ${payload.links.feed}`,
    `Se désabonner / إلغاء الاشتراك: ${payload.links.unsubscribe}`,
  ].join('\n');

  const html = `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>${esc(subject)}</title></head>
<body style="font-family:system-ui,'Noto Naskh Arabic',Arial,sans-serif;max-width:640px;margin:auto">
<h1 dir="ltr" style="font-size:18px">Raqib — ${esc(name)}</h1>
<p dir="rtl" lang="ar" style="text-align:right">تنبيه من رقيب</p>
${payload.events
  .map(
    (e) => `<div style="border-top:1px solid #ddd;padding:8px 0">
<p style="color:#666;font-size:12px"><span dir="ltr">${esc(EVENT_LABEL[e.type]?.fr ?? e.type)}</span> · <span dir="rtl" lang="ar">${esc(EVENT_LABEL[e.type]?.ar ?? '')}</span></p>
${block(eventTitle(e), 'h2', 'font-size:16px;')}
${eventLines(e)
  .map((l) => (/^https?:\/\//.test(l) ? `<p dir="ltr"><a href="${esc(l)}">${esc(l)}</a></p>` : block(l)))
  .join('\n')}
</div>`,
  )
  .join('\n')}
<p style="font-size:12px;color:#666"><a href="${esc(payload.links.feed)}">Atom</a> ·
<a href="${esc(payload.links.unsubscribe)}">Se désabonner</a> ·
<a href="${esc(payload.links.unsubscribe)}" dir="rtl" lang="ar">إلغاء الاشتراك</a></p>
</body></html>`;

  return {
    to,
    subject,
    text,
    html,
    headers: {
      'List-Unsubscribe': `<${payload.links.unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-Raqib-Idempotency-Key': payload.id,
    },
    // Stable across retries: a mail system that already has this message can tell it is the same.
    messageId: `<${payload.id}@raqib.alerts>`,
  };
}
