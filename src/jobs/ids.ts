// Deterministic job ids: adding a job whose id exists is a no-op, so a re-fetched item
// or a re-run stage never enqueues the same work twice. BullMQ refuses ids containing ':'.

/** Id for extracting one version of an article. */
export const extractJobId = (articleId: number, version: number) => `extract-${articleId}-v${version}`;
/** Id for clustering one version of an article. */
export const clusterJobId = (articleId: number, version: number) => `cluster-${articleId}-v${version}`;
/** Id for verifying one revision of an event (each joining article makes a new revision). */
export const verifyJobId = (eventId: number, revision: number) => `verify-${eventId}-r${revision}`;
/** Id for matching one revision of an event against subscriptions. */
export const notifyJobId = (eventId: number, revision: number) => `notify-${eventId}-r${revision}`;
/** Scheduler id of a source's polling. */
export const fetchSchedulerId = (sourceId: string) => `poll-${sourceId}`;
/** Id of a one-off fetch of a source (crosscheck up --once, sources check). */
export const fetchOnceJobId = (sourceId: string, runId: string) => `once-${sourceId}-${runId}`;
/** Scheduler id of a digest subscription's sending schedule. */
export const digestSchedulerId = (subscriptionId: string) => `digest-${subscriptionId}`;
/** Id of a subscriber's next alert email, named by the oldest change it will carry (changes given meanwhile share it). */
export const alertsJobId = (subscriptionId: string, firstChangeId: number) => `alerts-${subscriptionId}-c${firstChangeId}`;
/** Id for sending one stored message. */
export const messageJobId = (outboxId: number) => `message-${outboxId}`;
/** Scheduler id of the hourly clean-up of unconfirmed sign-ups. */
export const expireSignupsSchedulerId = 'expire-signups';
