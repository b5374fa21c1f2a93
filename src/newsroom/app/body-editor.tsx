import { Editor } from '@tiptap/core';
import Image from '@tiptap/extension-image';
import Link from '@tiptap/extension-link';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef, useState } from 'preact/hooks';

interface Props {
  id: string;
  labelId: string;
  html: string;
  /** Changes when the content is replaced from outside (a reload, a restored revision): then `html` is loaded. */
  contentKey: number;
  onChange: (html: string) => void;
}

/**
 * The story body: TipTap over ProseMirror. Its HTML is only a proposal: the server sanitises
 * it with the wire-copy allowlist before it is stored. `injectCSS: false` because the
 * newsroom's CSP allows no inline style; the editor's CSS is in the bundled stylesheet.
 */
export function BodyEditor({ id, labelId, html, contentKey, onChange }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<Editor | null>(null);
  const changed = useRef(onChange);
  changed.current = onChange;
  const latestHtml = useRef(html);
  latestHtml.current = html;
  const [, setTick] = useState(0);

  useEffect(() => {
    if (!host.current) return;
    const instance = new Editor({
      element: host.current,
      injectCSS: false,
      extensions: [
        StarterKit.configure({ heading: { levels: [2, 3, 4] }, link: false }),
        Link.configure({ openOnClick: false, autolink: true, protocols: ['http', 'https', 'mailto'] }),
        Image.configure({ inline: false }),
      ],
      content: html,
      editorProps: {
        attributes: {
          id,
          class: 'prose',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelId,
        },
      },
      onUpdate: ({ editor: current }) => changed.current(current.isEmpty ? '' : current.getHTML()),
      onSelectionUpdate: () => setTick((n) => n + 1),
      onTransaction: () => setTick((n) => n + 1),
    });
    editor.current = instance;
    return () => {
      instance.destroy();
      editor.current = null;
    };
  }, []);

  // Content replaced from outside. Not on every change of `html`: effects run after a paint, so
  // comparing with the editor's live HTML would undo keystrokes typed since the last render.
  const loadedKey = useRef(contentKey);
  useEffect(() => {
    if (!editor.current || loadedKey.current === contentKey) return;
    loadedKey.current = contentKey;
    editor.current.commands.setContent(latestHtml.current, { emitUpdate: false });
  }, [contentKey]);

  const e = editor.current;
  const chain = () => e!.chain().focus();
  const buttons: Array<{ label: string; text: string; isActive?: boolean; run: () => void }> = e
    ? [
        { label: 'Bold', text: 'B', isActive: e.isActive('bold'), run: () => chain().toggleBold().run() },
        { label: 'Italic', text: 'I', isActive: e.isActive('italic'), run: () => chain().toggleItalic().run() },
        {
          label: 'Heading',
          text: 'H2',
          isActive: e.isActive('heading', { level: 2 }),
          run: () => chain().toggleHeading({ level: 2 }).run(),
        },
        {
          label: 'Subheading',
          text: 'H3',
          isActive: e.isActive('heading', { level: 3 }),
          run: () => chain().toggleHeading({ level: 3 }).run(),
        },
        { label: 'Bulleted list', text: '•', isActive: e.isActive('bulletList'), run: () => chain().toggleBulletList().run() },
        { label: 'Numbered list', text: '1.', isActive: e.isActive('orderedList'), run: () => chain().toggleOrderedList().run() },
        { label: 'Quote', text: '“', isActive: e.isActive('blockquote'), run: () => chain().toggleBlockquote().run() },
        { label: 'Link', text: 'Link', isActive: e.isActive('link'), run: () => editLink(e) },
        { label: 'Picture by address', text: 'Img', run: () => addImage(e) },
        { label: 'Undo', text: '↶', run: () => chain().undo().run() },
        { label: 'Redo', text: '↷', run: () => chain().redo().run() },
      ]
    : [];

  return (
    <div class="body-editor">
      <div class="toolbar" role="toolbar" aria-label="Body formatting">
        {buttons.map((button) => (
          <button
            key={button.label}
            type="button"
            title={button.label}
            aria-pressed={button.isActive === undefined ? undefined : button.isActive}
            onMouseDown={(event) => event.preventDefault()}
            onClick={button.run}
          >
            <span aria-hidden="true">{button.text}</span>
            <span class="visually-hidden">{button.label}</span>
          </button>
        ))}
      </div>
      <div ref={host} class="editor-host" />
    </div>
  );
}

function editLink(editor: Editor) {
  const previous = (editor.getAttributes('link')['href'] as string | undefined) ?? '';
  const href = prompt('Link address (empty to remove the link)', previous);
  if (href === null) return;
  if (href.trim() === '') editor.chain().focus().extendMarkRange('link').unsetLink().run();
  else editor.chain().focus().extendMarkRange('link').setLink({ href: href.trim() }).run();
}

function addImage(editor: Editor) {
  const src = prompt('Picture address (https://… or /media/…)');
  if (!src?.trim()) return;
  const alt = prompt('Describe the picture (alt text)') ?? '';
  editor.chain().focus().setImage({ src: src.trim(), alt }).run();
}
