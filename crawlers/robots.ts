// robots.txt per origin, fetched once per crawl. RFC 9309 §2.3.1: a 4xx robots.txt means "no
// rules"; an unreachable one (5xx, network) means "assume complete disallow" until it comes back.
import robotsParserModule from 'robots-parser';

// robots-parser is CommonJS (`module.exports = fn`) but typed as an ES default export; under
// nodenext the import is the module object for TypeScript and the function at run time.
type RobotsParser = typeof robotsParserModule.default;
const robotsParser: RobotsParser =
  (robotsParserModule as unknown as { default?: RobotsParser }).default ??
  (robotsParserModule as unknown as RobotsParser);

export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** Crawl-delay for our agent, in milliseconds, if the site sets one. */
  crawlDelayMs: number | null;
  /** Why the rules are what they are (for logs): `fetched`, `missing`, `unreachable`. */
  origin: 'fetched' | 'missing' | 'unreachable';
  /** For `unreachable`: the error code of the robots.txt fetch (FETCH_NETWORK, FETCH_HTTP_5XX...). */
  errorCode?: string;
}

export type RobotsFetcher = (
  robotsUrl: string,
) => Promise<{ status: number; text: string } | { status: null; errorCode: string }>;

export class RobotsCache {
  #rules = new Map<string, Promise<RobotsRules>>();
  readonly #fetcher: RobotsFetcher;
  readonly #userAgent: string;

  constructor(fetcher: RobotsFetcher, userAgent: string) {
    this.#fetcher = fetcher;
    // robots-parser matches the product token ("RaqibBot"), not the full header.
    this.#userAgent = userAgent.split('/')[0]!.trim();
  }

  rulesFor(url: string): Promise<RobotsRules> {
    const origin = new URL(url).origin;
    let rules = this.#rules.get(origin);
    if (!rules) {
      rules = this.#load(origin);
      this.#rules.set(origin, rules);
    }
    return rules;
  }

  async #load(origin: string): Promise<RobotsRules> {
    const robotsUrl = `${origin}/robots.txt`;
    const result = await this.#fetcher(robotsUrl);
    if (result.status === null || result.status >= 500) {
      const errorCode = result.status === null ? result.errorCode : 'FETCH_HTTP_5XX';
      return { isAllowed: () => false, crawlDelayMs: null, origin: 'unreachable', errorCode };
    }
    if (!('text' in result)) return { isAllowed: () => true, crawlDelayMs: null, origin: 'missing' };
    if (result.status >= 400) return { isAllowed: () => true, crawlDelayMs: null, origin: 'missing' };
    const robots = robotsParser(robotsUrl, result.text);
    const delay = robots.getCrawlDelay(this.#userAgent);
    return {
      isAllowed: (url) => robots.isAllowed(url, this.#userAgent) !== false,
      crawlDelayMs: typeof delay === 'number' && Number.isFinite(delay) ? delay * 1000 : null,
      origin: 'fetched',
    };
  }
}
