import { adminRouter } from './routers/admin.ts';
import { authRouter } from './routers/auth.ts';
import { caseRouter } from './routers/case.ts';
import { letterRouter } from './routers/letter.ts';
import { notificationRouter } from './routers/notification.ts';
import { reportRouter } from './routers/report.ts';
import { sopRouter } from './routers/sop.ts';
import { taskRouter } from './routers/task.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  auth: authRouter,
  sop: sopRouter,
  case: caseRouter,
  task: taskRouter,
  notification: notificationRouter,
  report: reportRouter,
  admin: adminRouter,
  letter: letterRouter,
});

/** The API's type, imported (as a type only) by the apps. */
export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
