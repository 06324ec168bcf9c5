import { describe, expect, it } from 'vitest';
import { buildExportUrl } from './ExportMenu.tsx';

describe('buildExportUrl', () => {
  it('asks the server for the draft or a version in the chosen format and paper', () => {
    expect(buildExportUrl({ sopId: 's1' }, 'pdf-f4')).toBe('/api/export?sopId=s1&format=pdf&paper=f4');
    expect(buildExportUrl({ versionId: 'v2' }, 'docx-a4')).toBe(
      '/api/export?versionId=v2&format=docx&paper=a4',
    );
    expect(buildExportUrl({ sopId: 's1' }, 'bpmn')).toBe('/api/export?sopId=s1&format=bpmn&paper=a4');
  });
});
