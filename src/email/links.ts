// Every link in an email, feed or webhook is built from PUBLIC_URL, never from a request or a feed.

/** Links to Crosscheck's own pages, from one base URL. */
export function linksFrom(publicUrl: string) {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    base,
    event: (id: number) => `${base}/events/${id}`,
    claim: (id: number) => `${base}/claims/${id}`,
    unsubscribe: (token: string) => `${base}/unsubscribe?token=${encodeURIComponent(token)}`,
    confirm: (token: string) => `${base}/confirm?token=${encodeURIComponent(token)}`,
  };
}

export type Links = ReturnType<typeof linksFrom>;
