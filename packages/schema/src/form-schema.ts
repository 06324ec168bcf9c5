import { z } from 'zod';
import type { SopDocument } from './document.ts';
import { type FormOptions, validateFormData } from './form-data.ts';

export * from './form-data.ts';

/**
 * The zod schema of a node's form, for tRPC inputs and form libraries: it parses to the cleaned
 * values of validateFormData, and each issue carries `path` = [field key], the Indonesian
 * `message`, and `params: { code, messageEn }`.
 */
export function buildFormSchema(
  doc: Pick<SopDocument, 'nodes' | 'dataFields'>,
  nodeId: string,
  options: FormOptions = {},
): z.ZodType<Record<string, unknown>, unknown> {
  return z.unknown().transform((data, ctx) => {
    const result = validateFormData(doc, nodeId, data, options);
    if (result.ok) return result.values;
    for (const issue of result.issues) {
      ctx.addIssue({
        code: 'custom',
        path: issue.path ? [issue.path] : [],
        message: issue.message,
        params: { code: issue.code, messageEn: issue.messageEn },
      });
    }
    return z.NEVER;
  });
}
