// Delivering one queued alert: a signed webhook POST (to a checked public address) or an e-mail;
// on failure, a retry with jittered exponential backoff, until the retry window closes or the
// receiver is gone for good — then the subscription is disabled with the reason shown to its owner.
import { AppError, isAppError } from '../../pipeline/errors.ts';
import type { Db } from '../../store/db.ts';
import { claimAttempt, type Delivery, markAttemptFailed, markDelivered } from '../../store/deliveries.ts';
import { disableSubscription, getSubscription } from '../../store/subscriptions.ts';
import type { AlertsConfig } from './config.ts';
import { type Mailer, renderEmail } from './email.ts';
import type { createAddressGuard } from './ssrf.ts';
import type { AlertLog } from './types.ts';
import { postWebhook } from './webhook.ts';

export interface DelivererOptions {
  db: Db;
  log: AlertLog;
  config: Pick<AlertsConfig, 'webhookTimeoutMs' | 'retryBaseMs'>;
  guard: ReturnType<typeof createAddressGuard>;
  mailer?: Mailer | null;
  userAgent: string;
  now: () => Date;
  /** Give a delivery up this long after its first attempt. */
  retryWindowMs?: number;
}

/** Returns `attempt(delivery)`: one try, its outcome recorded; never throws for the receiver's faults. */
export function createDeliverer(options: DelivererOptions): (d: Delivery) => Promise<void> {
  const { db, log, guard, userAgent, now } = options;
  const base = options.config.retryBaseMs;
  const window = options.retryWindowMs ?? base * 2880;
  const maxDelay = base * 360;

  function backoff(attempt: number): number {
    const d = Math.min(maxDelay, base * 2 ** attempt);
    // ±20% jitter: receivers coming back are not hit by every queued delivery at the same instant.
    return Math.round(d * (0.8 + Math.random() * 0.4));
  }

  async function attempt(d: Delivery): Promise<void> {
    const sub = getSubscription(db, d.subscriptionId);
    if (sub?.status !== 'active') return;
    const started = now();
    const retryAt = new Date(started.getTime() + backoff(d.attempts)).toISOString();
    if (!claimAttempt(db, d.id, started.toISOString(), retryAt)) return;
    const firstAttempt = d.firstAttemptAt ?? started.toISOString();
    try {
      let status: number | null = null;
      if (d.channel === 'webhook') {
        const res = await postWebhook(
          {
            url: sub.target as string,
            body: d.payload,
            secret: sub.secret,
            idempotencyKey: d.idempotencyKey,
            eventType: (JSON.parse(d.payload) as { type: string }).type,
            timeoutMs: options.config.webhookTimeoutMs,
            userAgent,
            now,
          },
          guard,
        );
        status = res.status;
      } else {
        if (!options.mailer) throw new AppError('DELIVERY_FAILED', 'SMTP is not configured (RAQIB_SMTP_HOST)');
        await options.mailer.send(renderEmail(JSON.parse(d.payload), sub.target as string));
      }
      markDelivered(db, d.id, now().toISOString(), status);
    } catch (e) {
      const err = e as Error;
      const status = isAppError(e) && typeof e.details?.status === 'number' ? e.details.status : null;
      // Not worth retrying: the address is refused, or the receiver said the endpoint is gone.
      const permanent = isAppError(e, 'ADDRESS_REFUSED') || status === 410;
      const expired = Date.parse(retryAt) - Date.parse(firstAttempt) > window;
      markAttemptFailed(db, d.id, err.message, status, permanent || expired);
      log.warn(
        { subscription: sub.id, delivery: d.id, attempt: d.attempts + 1, err: err.message },
        'alert delivery failed',
      );
      if (permanent || expired) {
        const reason = permanent
          ? `${err.message} (auto-disabled ${started.toISOString()})`
          : `Deliveries failing since ${firstAttempt}: ${err.message}`;
        disableSubscription(db, sub.id, reason, started);
        log.warn({ subscription: sub.id, reason }, 'subscription auto-disabled');
      }
    }
  }

  return attempt;
}
