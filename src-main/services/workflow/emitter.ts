// How a long job reports back: the handler's `emit`, kept by the service after the request that
// started the job has been answered (progress and the end arrive as events).
import type { EventName, EventOf } from '../../../src-preload/contract';

export type Emit = <E extends EventName>(event: E, payload: EventOf<E>) => void;
