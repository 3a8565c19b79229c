// The thread of an application or a grant, the same page for the carrier and the funder: the
// messages oldest first (new ones marked), then the form to write one, a plain multipart form that
// works without script. And the small pieces other pages show: "2 new messages" and the inbox list.
import {
  DataTable,
  ErrorSummary,
  Form,
  issueText,
  Notice,
  SubmitButton,
  TextField,
  useShownField,
  Written,
} from '../../../core/ui/components';
import { type FieldErrors, href, type ViewContext } from '../../../core/ui/context';
import { berlinDateTime } from '../format';
import type { ThreadKind } from '../schema';
import { attachmentFields, attachmentTypes, MAX_ATTACHMENT_MB, MAX_BODY, threadPath } from './message-rules';
import type { Message, UnreadThread } from './messages.store';

const kib = (size: number) => `${Math.max(1, Math.round(size / 1024))} KB`;

function AttachmentField({
  ctx,
  name,
  n,
  errors,
}: {
  ctx: ViewContext;
  name: string;
  n: number;
  errors?: FieldErrors;
}) {
  const { t } = ctx;
  const id = `f-${name}`;
  const label = t('funding:messages.attachment', { n });
  const error = errors?.[name] ? issueText(ctx, errors[name]) : undefined;
  useShownField(name, id, label, error);
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <label class="kern-label" for={id}>
        {label}
        <span class="kern-label__optional"> {t('common:form.optional')}</span>
      </label>
      {error && (
        <p class="kern-error" id={`${id}-error`}>
          <span class="kern-icon kern-icon--danger kern-icon--md" aria-hidden="true" />
          <span class="kern-body">{error}</span>
        </p>
      )}
      <input
        class="kern-form-input__input"
        type="file"
        id={id}
        name={name}
        accept={attachmentTypes.map((x) => `.${x}`).join(',')}
        aria-describedby={`f-attachments-hint${error ? ` ${id}-error` : ''}`}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

export function ThreadPage(p: {
  ctx: ViewContext;
  kind: ThreadKind;
  id: string;
  title: string;
  /** the page the thread belongs to (the application's or the grant's) */
  back: string;
  messages: Message[];
  /** messages after this number were new to the reader when they opened the thread */
  readUpTo: number;
  viewerId: string | undefined;
  sent?: boolean;
  values?: Record<string, string | undefined>;
  errors?: FieldErrors;
}) {
  const { ctx, messages } = p;
  const { t, lang } = ctx;
  const base = threadPath(p.kind, p.id);
  return (
    <div class="kern-stack prose">
      <hgroup class="kern-hgroup">
        <h1 class="kern-heading-large">{t('funding:messages.title')}</h1>
        <p class="kern-subline">
          <a class="kern-link" href={href(ctx, p.back)}>
            <Written ctx={ctx}>{p.title || t('funding:application.untitled')}</Written>
          </a>
        </p>
      </hgroup>
      {p.sent && <Notice kind="success" title={t('funding:messages.sent')} role="status" />}
      <p class="kern-body">{t(`funding:messages.intro.${p.kind}`)}</p>
      <section class="kern-stack" aria-labelledby="thread">
        <h2 class="kern-heading-medium" id="thread">
          {t('funding:messages.thread')}
        </h2>
        {messages.length === 0 ? (
          <p class="kern-body">{t('funding:messages.empty')}</p>
        ) : (
          <ol class="kern-stack message-thread">
            {messages.map((m) => {
              const isNew = m.seq > p.readUpTo && m.authorId !== p.viewerId;
              return (
                <li class="kern-stack" id={`m-${m.id}`}>
                  <article class="kern-stack" aria-labelledby={`m-${m.id}-by`}>
                    <h3 class="kern-heading-small" id={`m-${m.id}-by`}>
                      {m.authorName ?? t(`funding:messages.formerAuthor.${m.side}`)}
                      {' · '}
                      {t(`funding:messages.side.${m.side}`)}
                      {isNew && (
                        <>
                          {' '}
                          <span class="kern-badge kern-badge--info">
                            <span class="kern-label">{t('funding:messages.new')}</span>
                          </span>
                        </>
                      )}
                    </h3>
                    <p class="kern-body kern-body--small">
                      <time datetime={m.writtenAt.toISOString()}>{berlinDateTime(lang, m.writtenAt)}</time>
                    </p>
                    <div class="kern-body message-body" dir="auto">
                      <Written ctx={ctx} lang={m.language}>
                        {m.body}
                      </Written>
                    </div>
                    {m.attachments.length > 0 && (
                      <ul class="kern-list" aria-label={t('funding:messages.attachments')}>
                        {m.attachments.map((a) => (
                          <li>
                            <a class="kern-link" href={href(ctx, `${base}/attachments/${a.id}`)} download>
                              {a.filename}
                            </a>{' '}
                            ({kib(a.size)}, SHA-256 <code>{a.sha256.slice(0, 12)}…</code>)
                          </li>
                        ))}
                      </ul>
                    )}
                  </article>
                </li>
              );
            })}
          </ol>
        )}
      </section>
      <section class="kern-stack" aria-labelledby="write">
        <h2 class="kern-heading-medium" id="write">
          {t('funding:messages.write')}
        </h2>
        <ErrorSummary ctx={ctx} errors={p.errors} />
        <Form ctx={ctx} action={href(ctx, base)} enctype="multipart/form-data">
          <TextField
            ctx={ctx}
            name="body"
            multiline
            rows={6}
            required
            label={t('funding:messages.body')}
            hint={t('funding:messages.bodyHint', { max: MAX_BODY })}
            value={p.values?.body}
            errors={p.errors}
          />
          <p class="kern-hint" id="f-attachments-hint">
            {t('funding:messages.attachmentsHint', {
              max: attachmentFields.length,
              types: attachmentTypes.join(', '),
              size: MAX_ATTACHMENT_MB,
            })}
          </p>
          {attachmentFields.map((name, i) => (
            <AttachmentField ctx={ctx} name={name} n={i + 1} errors={p.errors} />
          ))}
          <SubmitButton label={t('funding:messages.send')} />
        </Form>
      </section>
    </div>
  );
}

/** The way to a thread from the application's or the grant's page, with what is new to the reader. */
export function MessagesLink({
  ctx,
  kind,
  id,
  unread,
}: {
  ctx: ViewContext;
  kind: ThreadKind;
  id: string;
  unread: number;
}) {
  const { t } = ctx;
  return (
    <p class="kern-body messages-link">
      <a class="kern-link" href={href(ctx, threadPath(kind, id))}>
        {t('funding:messages.link')}
      </a>
      {unread > 0 && (
        <>
          {' '}
          <strong>{t('funding:messages.unread', { count: unread })}</strong>
        </>
      )}
    </p>
  );
}

/** The officer's inbox: the threads with messages they have not read yet. */
export function UnreadThreads({ ctx, threads }: { ctx: ViewContext; threads: UnreadThread[] }) {
  const { t, lang } = ctx;
  return (
    <DataTable
      caption={t('funding:messages.inboxCaption')}
      empty={t('funding:messages.inboxEmpty')}
      rows={threads}
      columns={[
        {
          header: t('funding:messages.inboxThread'),
          cell: (x) => (
            <a class="kern-link" href={href(ctx, threadPath(x.kind, x.id))}>
              <Written ctx={ctx}>{x.title || t('funding:application.untitled')}</Written>
            </a>
          ),
        },
        { header: t('funding:messages.inboxKind'), cell: (x) => t(`funding:messages.kind.${x.kind}`) },
        { header: t('funding:inbox.carrier'), cell: (x) => <Written ctx={ctx}>{x.organisationName}</Written> },
        { header: t('funding:messages.inboxUnread'), cell: (x) => t('funding:messages.unread', { count: x.unread }) },
        { header: t('funding:messages.inboxLast'), cell: (x) => berlinDateTime(lang, x.lastAt) },
      ]}
    />
  );
}
