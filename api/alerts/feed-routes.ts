// Feeds and unsubscribing, where the URL is the credential (feed readers and mail clients send no
// keys): a subscription's Atom feed by its token, the public feed of new cases, and one-click
// unsubscribe (RFC 8058).
import type { FastifyReply } from 'fastify';
import { AppError } from '../../pipeline/errors.ts';
import type { Db } from '../../store/db.ts';
import { recentMatches } from '../../store/deliveries.ts';
import { getSubscriptionByToken, unsubscribe } from '../../store/subscriptions.ts';
import { type TypedApp, typed } from '../route-schemas.ts';
import { matchEntries, newCaseEntries, renderFeed } from './atom.ts';
import { TokenParams } from './subscription-input.ts';

export function registerFeedRoutes(
  app: TypedApp,
  options: { db: Db; now: () => Date },
  baseOf: (req: { protocol: string; host: string }) => string,
): void {
  const { db } = options;
  const sendAtom = (reply: FastifyReply, xml: string) =>
    reply.type('application/atom+xml; charset=utf-8').header('cache-control', 'no-cache').send(xml);

  app.get(
    '/feeds/subscriptions/:token',
    {
      schema: {
        tags: ['alerts'],
        summary: "A subscription's Atom feed (the URL is the capability)",
        params: TokenParams,
      },
    },
    async (req, reply) => {
      const sub = getSubscriptionByToken(db, req.params.token);
      if (!sub) throw new AppError('NOT_FOUND', 'No such feed', { details: { parameter: 'token' } });
      const base = baseOf(req);
      const matches = recentMatches(db, sub.id, 100);
      return sendAtom(
        reply,
        renderFeed({
          id: `urn:raqib:subscription:${sub.id}`,
          title: `Raqib — ${sub.name ?? sub.kind}`,
          self: `${base}/feeds/subscriptions/${sub.token}`,
          updated: matches[0]?.matchedAt ?? sub.createdAt,
          entries: matchEntries(sub.id, matches),
        }),
      );
    },
  );

  app.get(
    '/feeds/cases.atom',
    { schema: { tags: ['alerts'], summary: 'Public Atom feed of new cases' } },
    async (req, reply) => {
      const base = baseOf(req);
      const entries = newCaseEntries(db, base, 50);
      return sendAtom(
        reply,
        renderFeed({
          id: 'urn:raqib:feed:new-cases',
          title: 'Raqib — nouvelles affaires / قضايا جديدة',
          self: `${base}/feeds/cases.atom`,
          // ISO strings: the newest sorts last.
          updated:
            entries
              .map((e) => e.updated)
              .sort()
              .at(-1) ?? '1970-01-01T00:00:00.000Z',
          entries,
        }),
      );
    },
  );

  // One-click unsubscribe (RFC 8058): mail clients POST `List-Unsubscribe=One-Click` as a form.
  // A GET only shows a confirmation form, because link scanners follow GET links in mail.
  app.register(async (plain) => {
    const scope = typed(plain);
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 },
      (_req, body, done) => done(null, body),
    );
    scope.get(
      '/unsubscribe/:token',
      { schema: { tags: ['alerts'], summary: 'Unsubscribe confirmation page', params: TokenParams } },
      async (req, reply) => {
        const sub = getSubscriptionByToken(db, req.params.token);
        if (!sub) throw new AppError('NOT_FOUND', 'No such subscription', { details: { parameter: 'token' } });
        return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Raqib</title></head><body>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">
<p>Se désabonner de cette alerte Raqib ?</p><p dir="rtl" lang="ar">إلغاء الاشتراك في هذا التنبيه؟</p>
<button type="submit">Se désabonner / إلغاء الاشتراك</button></form></body></html>`);
      },
    );
    scope.post(
      '/unsubscribe/:token',
      {
        schema: {
          tags: ['alerts'],
          summary: 'One-click unsubscribe (RFC 8058); also for feed followers',
          params: TokenParams,
        },
      },
      async (req) => {
        const sub = getSubscriptionByToken(db, req.params.token);
        if (!sub) throw new AppError('NOT_FOUND', 'No such subscription', { details: { parameter: 'token' } });
        unsubscribe(db, sub.id, options.now());
        return { subscription: { id: sub.id, status: 'unsubscribed' } };
      },
    );
  });
}
