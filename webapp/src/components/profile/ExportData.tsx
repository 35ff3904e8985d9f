import { useState } from 'preact/hooks';
import { exportMe } from '../../api/accounts';
import { useI18n } from '../../i18n/i18n';

/** Saves a Blob under a name, through a link that is never put in the page. */
function save(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Download mijn gegevens": GET /me/export, saved as a .json file (AVG art. 15 and 20). */
export function ExportData() {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'busy' | 'done' | 'failed'>('idle');
  async function download() {
    if (state === 'busy') return;
    setState('busy');
    try {
      const { name, blob } = await exportMe();
      save(name.endsWith('.json') ? name : `${name}.json`, blob);
      setState('done');
    } catch {
      setState('failed');
    }
  }
  return (
    <section aria-labelledby="export-title" class="noaber-section">
      <h2 id="export-title" class="utrecht-heading-2">{t.exportTitle}</h2>
      <p class="utrecht-paragraph">{t.exportText}</p>
      <button type="button" class="utrecht-button utrecht-button--secondary-action" onClick={download}>{t.exportButton}</button>
      <p role="status" class="utrecht-paragraph noaber-notice-slot">
        {state === 'busy' && t.loading}
        {state === 'done' && <span class="noaber-notice">{t.exportDone}</span>}
        {state === 'failed' && t.errFailed}
      </p>
    </section>
  );
}
