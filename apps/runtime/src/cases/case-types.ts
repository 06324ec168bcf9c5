import type { AppRouter } from '@alur/api/router';
import type { inferRouterOutputs } from '@trpc/server';

type Outputs = inferRouterOutputs<AppRouter>;
export type CaseDetail = Outputs['case']['get'];
export type CaseEvent = CaseDetail['events'][number];
export type CaseTask = CaseDetail['tasks'][number];
export type TaskDetail = Outputs['task']['get'];
