import { diffWords } from './diff';

/** Changes between two texts: removed words struck through, added ones underlined. */
export function DiffView({ before, after, label }: { before: string; after: string; label: string }) {
  if (before === after)
    return (
      <div class="diff-field">
        <h3>{label}</h3>
        <p class="muted">No change.</p>
      </div>
    );
  return (
    <div class="diff-field">
      <h3>{label}</h3>
      <p class="diff">
        {diffWords(before, after).map((part, index) =>
          part.kind === 'same' ? (
            <span key={index}>{part.text}</span>
          ) : part.kind === 'added' ? (
            <ins key={index}>{part.text}</ins>
          ) : (
            <del key={index}>{part.text}</del>
          ),
        )}
      </p>
    </div>
  );
}
