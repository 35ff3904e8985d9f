import type { Post } from '../../api/market';
import { fill } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { ReportAction } from './ReportAction';

/** On someone else's post: report the post, or its author. */
export function ReportSection({ post }: { post: Post }) {
  const { t } = useI18n();
  const name = post.author.displayName;
  return (
    <section class="noaber-section noaber-report-section" aria-labelledby="report-title">
      <h2 id="report-title" class="utrecht-heading-2">{t.reportSectionTitle}</h2>
      <p class="utrecht-paragraph">{t.reportSectionIntro}</p>
      <div class="noaber-report-section__actions">
        <ReportAction subject="post" subjectId={post.id} label={t.reportPostButton} title={t.reportFormTitlePost} />
        {post.author.id && (
          <ReportAction subject="user" subjectId={post.author.id} label={fill(t.reportUserButton, { name })}
            title={fill(t.reportFormTitleUser, { name })} />
        )}
      </div>
    </section>
  );
}
