import { useStore } from '../../store';

/** What the worker had to do to keep training going (out of memory, lost device, full storage), and what was kept on stop. */
export function TrainNotices() {
  const notices = useStore((s) => s.trainNotices);
  const dismiss = useStore((s) => s.noticeDismissed);
  if (!notices.length) return null;
  return (
    <ul className="notices" aria-label="Training notices">
      {notices.map((n) => (
        <li key={n.id} className={`notice ${n.level}`} data-testid="train.notice" data-level={n.level} role={n.level === 'info' ? 'status' : 'alert'}>
          <span>{n.message}</span>
          <button type="button" aria-label="Dismiss notice" onClick={() => dismiss(n.id)}>×</button>
        </li>
      ))}
    </ul>
  );
}
