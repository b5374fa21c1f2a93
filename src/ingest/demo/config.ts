import { z } from 'zod';
import { LedeError } from '../../core/errors.js';
import { settingsCatalogue } from '../../core/settings-catalogue.js';

const demoConfigSchema = z
  .object({
    anchor: z.iso.datetime(),
    site: z.object({ name: z.string().min(1), description: z.string(), language: z.string().min(2), timezone: z.string().optional() }),
    sections: z.array(z.object({ slug: z.string().regex(/^[a-z0-9-]+$/), name: z.string().min(1), subjects: z.array(z.string()) })).min(1),
    sources: z
      .array(
        z.object({
          slug: z.string().regex(/^[a-z0-9-]+$/),
          name: z.string().min(1),
          shortName: z.string().min(1),
          kind: z.enum(['agency', 'inhouse', 'partner']),
          copyrightholder: z.string().optional(),
          usageNotice: z.string().optional(),
          photoCredit: z.string().optional(),
        }),
      )
      .min(1),
    authors: z.array(
      z.object({
        slug: z.string().regex(/^[a-z0-9-]+$/),
        name: z.string().min(1),
        role: z.string().optional(),
        bio: z.string().optional(),
        source: z.string().optional(),
      }),
    ),
    /**
     * Section slug → the desk editor (author slug) who handles agency copy for that section: the
     * story carries their author block while the agency stays its source.
     */
    desk: z.record(z.string(), z.string()).default({}),
    // The settings catalogue's own schema: what the demo stores is checked like any write.
    settings: z.object({ callouts: settingsCatalogue.callouts.schema }),
  })
  .superRefine((config, ctx) => {
    for (const [section, author] of Object.entries(config.desk)) {
      if (!config.sections.some((s) => s.slug === section))
        ctx.addIssue({ code: 'custom', path: ['desk', section], message: 'is not a section of this file' });
      if (!config.authors.some((a) => a.slug === author))
        ctx.addIssue({ code: 'custom', path: ['desk', section], message: `names "${author}", not an author of this file` });
    }
  });

export type DemoConfig = z.infer<typeof demoConfigSchema>;

export function parseDemoConfig(text: string, file: string): DemoConfig {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LedeError('LEDE_DEMO_CONFIG', `${file}: not valid JSON (${(error as Error).message})`, { details: { file }, cause: error });
  }
  const result = demoConfigSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new LedeError('LEDE_DEMO_CONFIG', `${file}: \`${issue.path.join('.')}\` ${issue.message}`, {
      details: { file, field: issue.path.join('.') },
    });
  }
  return result.data;
}
