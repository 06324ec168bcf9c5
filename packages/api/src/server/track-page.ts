import { createHash } from 'node:crypto';
import { formatAgencyDate, formatAgencyDateTime } from '@alur/schema/core';
import type { PublicTrack } from '../services/tracking/public-track.ts';

/**
 * The public tracking page (`/lacak`, `/lacak/<code>`): plain HTML rendered here, no script and no
 * part of the signed-in app, so it loads fast on a phone and carries nobody's data but the status.
 */

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f4f6f8}
main{max-width:36rem;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
h2{font-size:1.15rem;margin:0 0 .75rem}
.card{background:#fff;border:1px solid #d0d7de;border-radius:.5rem;padding:1rem;margin-bottom:1rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
input{width:100%;font:inherit;font-family:ui-monospace,Menlo,Consolas,monospace;padding:.6rem;border:1px solid #8c959f;border-radius:.375rem;text-transform:uppercase}
button{margin-top:.75rem;width:100%;font:inherit;font-weight:600;padding:.6rem;border:0;border-radius:.375rem;background:#0b5cad;color:#fff}
button:focus-visible,input:focus-visible{outline:3px solid #f0b400;outline-offset:2px}
dl{margin:0}
dt{font-size:.85rem;color:#57606a;margin-top:.6rem}
dd{margin:0;font-weight:600;overflow-wrap:anywhere}
.status{display:inline-block;padding:.1rem .5rem;border-radius:1rem;background:#ddf4ff;color:#0a3069}
.status-completed{background:#dafbe1;color:#116329}
.status-cancelled{background:#ffebe9;color:#82071e}
.alert{border-left:4px solid #cf222e;background:#fff;padding:.75rem 1rem;margin-bottom:1rem}
.muted{color:#57606a;font-size:.9rem}
`.trim();

/** The Content-Security-Policy of the page: its one inline style by hash, nothing else loads. */
export const TRACK_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

const STATUS_WORDS: Record<PublicTrack['status'], string> = {
  active: 'Sedang diproses',
  completed: 'Selesai',
  cancelled: 'Dibatalkan',
};

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export type TrackPageState =
  | { kind: 'form' }
  | { kind: 'found'; code: string; track: PublicTrack; timeZone: string }
  | { kind: 'not-found'; code: string }
  | { kind: 'too-many'; code: string; retryAfter: number };

/** The page for one state: the form always, and the answer under it. */
export function renderTrackPage(state: TrackPageState): string {
  const code = state.kind === 'form' ? '' : state.code;
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>Lacak permohonan</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Lacak permohonan</h1>
${renderAnswer(state)}
<form class="card" method="get" action="/lacak">
<label for="code">Kode lacak</label>
<input id="code" name="code" value="${escapeHtml(code)}" maxlength="80" autocomplete="off" autocapitalize="characters" spellcheck="false" required aria-describedby="code-hint">
<p id="code-hint" class="muted">Kode lacak tercetak pada tanda terima permohonan Anda, mis. K7QF-2M9X-….</p>
<button type="submit">Lacak</button>
</form>
<p class="muted">Halaman ini hanya menunjukkan posisi permohonan, tanpa data pribadi pemohon.</p>
</main>
</body>
</html>
`;
}

function renderAnswer(state: TrackPageState): string {
  switch (state.kind) {
    case 'form':
      return '';
    case 'not-found':
      return '<p class="alert" role="alert" data-testid="track-not-found">Kode lacak tidak ditemukan. Periksa lagi kode pada tanda terima Anda.</p>';
    case 'too-many':
      return `<p class="alert" role="alert">Terlalu banyak percobaan. Coba lagi dalam ${state.retryAfter} detik.</p>`;
    case 'found': {
      const { track: t, timeZone: zone } = state;
      const rows: [string, string, string][] = [
        ['Layanan', t.sopName, 'track-sop'],
        ['Nomor permohonan', t.caseNumber, 'track-number'],
        ['Diterima', formatAgencyDateTime(t.startedAt, zone), 'track-started'],
      ];
      if (t.currentStep) rows.push(['Posisi sekarang', t.currentStep, 'track-step']);
      if (t.status === 'active' && t.estimatedDoneAt)
        rows.push(['Perkiraan selesai', formatAgencyDate(t.estimatedDoneAt, zone), 'track-estimate']);
      if (t.doneAt)
        rows.push([
          t.status === 'cancelled' ? 'Dibatalkan' : 'Selesai',
          formatAgencyDateTime(t.doneAt, zone),
          'track-done',
        ]);
      return `<section class="card" aria-labelledby="result-h">
<h2 id="result-h">Status: <span class="status status-${t.status}" data-testid="track-status">${STATUS_WORDS[t.status]}</span></h2>
<dl>
${rows.map(([dt, dd, id]) => `<dt>${dt}</dt><dd data-testid="${id}">${escapeHtml(dd)}</dd>`).join('\n')}
</dl>
</section>`;
    }
  }
}
