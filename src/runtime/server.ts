import type { FastifyInstance } from 'fastify';
import { buildApp, type ApiDeps } from '../api/app';
import { registerWorkspace } from '../web/plugin';

// The one HTTP server `crosscheck up` and `crosscheck api` listen with: the JSON API and, on the
// same port, the analyst workspace. Composed here so that api/ never imports the web/ built on it.

export interface ServerDeps extends ApiDeps {
  /** Where the workspace keeps its cookie-signing secret; without it sessions last as long as the process. */
  dataDir?: string;
}

/** Builds the API with the workspace beside it (not yet listening). */
export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = await buildApp(deps);
  await registerWorkspace(app, deps);
  return app;
}
