import type { AttemptInfo, StageContext } from '../pipeline/context';
import type { JobName, JobPayload } from './catalogue';
import type { StageResults } from './flow';

/** A job handler: validated payload in, stage result out. Workers under workers/ implement these. */
export type JobHandler<N extends JobName> = (
  ctx: StageContext,
  payload: JobPayload<N>,
  attempt: AttemptInfo,
) => Promise<StageResults[N]>;

export type HandlerMap = { [N in JobName]: JobHandler<N> };
