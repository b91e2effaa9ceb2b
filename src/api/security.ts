import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

// Headers every response carries (JSON, /docs, HTML pages, errors) and who may call from a browser.

/**
 * The content security policy of every response: scripts, styles, fonts and images only from this
 * origin (images also as data: URLs), nothing inline, no plugins, no framing, forms post only here.
 * Swagger UI at /docs loads its bundle, initializer and styles as files, so it works under it.
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The one inline style Swagger UI 5 (held at @fastify/swagger-ui 5.2.x) injects, allowed on /docs only. */
export const SWAGGER_UI_STYLE_HASH = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

/** Registers helmet (globally, so every route and error answer has the headers) and the CORS policy. */
export async function registerSecurity(app: FastifyInstance, corsOrigins: readonly string[]): Promise<void> {
  await app.register(helmet, {
    global: true,
    // useDefaults off: helmet's upgrade-insecure-requests would send a browser on plain http://HOST:PORT to https.
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    // HSTS belongs to whatever terminates TLS in front of the API; on plain HTTP browsers ignore it anyway.
    strictTransportSecurity: false,
  });
  await app.register(cors, {
    // Unset CORS_ORIGINS: an empty list, so no origin is allowed, and a preflight is still answered
    // (204) without permission. (`false` would turn the plugin off and make preflights 404s.)
    origin: [...corsOrigins],
    methods: ['GET', 'HEAD', 'POST', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type'],
    exposedHeaders: ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'ETag'],
    // Write keys travel in the Authorization header, never in cookies.
    credentials: false,
    maxAge: 600,
    // An OPTIONS without Origin is answered like a refused preflight, not with a text/plain 400.
    strictPreflight: false,
  });
  // @fastify/cors lists the allowed methods and headers even to an origin it refuses; a refused
  // origin should learn nothing, so without Access-Control-Allow-Origin no Access-Control-* header stays.
  app.addHook('onSend', async (_request, reply) => {
    if (reply.hasHeader('access-control-allow-origin')) return;
    for (const name of Object.keys(reply.getHeaders())) {
      if (name.startsWith('access-control-')) reply.removeHeader(name);
    }
  });
}
