import type { ReactNode } from 'react';

/** A step whose tools are not in this version yet: says what it will do, plainly. */
export function Upcoming({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="panel">
      <h2>{title}</h2>
      <p>{children}</p>
      <p className="muted">Not available in this version yet.</p>
    </section>
  );
}
