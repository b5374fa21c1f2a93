import { useEffect, useState } from 'preact/hooks';
import { describeError } from '../api';
import { useNewsroom } from '../context';
import { FieldError, useFormState } from '../form-state';
import { type LinkDoc, LinksEditor } from '../links-editor';
import { PictureField } from '../picture-field';
import { StatusMessages } from '../status-messages';

interface SiteDoc {
  name: string;
  description: string;
  language: string;
  logo?: string;
}

/** Admins: the `site` setting (name, description, language, logo) and the `social` links of the footer. */
export function SiteSettings() {
  const { api } = useNewsroom();
  const [site, setSite] = useState<SiteDoc | undefined>(undefined);
  const [social, setSocial] = useState<LinkDoc[]>([]);
  const [loadError, setLoadError] = useState('');
  const siteForm = useFormState();
  const socialForm = useFormState();

  useEffect(() => {
    Promise.all([api.get<{ value: SiteDoc }>('settings/site'), api.get<{ value: LinkDoc[] }>('settings/social')])
      .then(([siteSetting, socialSetting]) => {
        setSite(siteSetting.value);
        setSocial(socialSetting.value);
      })
      .catch((failure) => setLoadError(describeError(failure)));
  }, []);

  if (!site) return <StatusMessages error={loadError} notice={loadError ? '' : 'Loading…'} />;
  const text = (field: 'name' | 'description' | 'language') => ({
    value: site[field],
    onInput: (e: { currentTarget: HTMLInputElement }) => setSite({ ...site, [field]: e.currentTarget.value }),
    ...siteForm.invalid(field),
  });

  return (
    <section class="stack wide">
      <h1>Site settings</h1>
      <form
        class="fields"
        onSubmit={(event) => {
          event.preventDefault();
          const { logo, ...rest } = site;
          void siteForm.submit(() => api.request('PUT', 'settings/site', { body: logo ? site : rest }), 'Site saved.');
        }}
      >
        <label>
          Site name
          <input {...text('name')} />
          <FieldError form={siteForm} field="name" />
        </label>
        <label>
          Description
          <input {...text('description')} />
          <FieldError form={siteForm} field="description" />
        </label>
        <label>
          Language (a tag such as en or pt-BR)
          <input {...text('language')} />
          <FieldError form={siteForm} field="language" />
        </label>
        <PictureField
          label="Logo"
          mediaId={site.logo ?? ''}
          alt={`${site.name} logo`}
          error={siteForm.errorOf('logo')}
          onChange={(logo) => setSite({ ...site, logo: logo || undefined })}
        />
        <StatusMessages error={siteForm.error} notice={siteForm.notice} />
        <button type="submit" class="primary" disabled={siteForm.isBusy}>
          Save site
        </button>
      </form>
      <form
        class="fields"
        onSubmit={(event) => {
          event.preventDefault();
          void socialForm.submit(() => api.request('PUT', 'settings/social', { body: social }), 'Social links saved.');
        }}
      >
        <LinksEditor legend="Social links (footer)" links={social} form={socialForm} fieldPrefix="" onChange={setSocial} />
        <StatusMessages error={socialForm.error} notice={socialForm.notice} />
        <button type="submit" class="primary" disabled={socialForm.isBusy}>
          Save social links
        </button>
      </form>
    </section>
  );
}
