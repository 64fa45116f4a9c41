import { useEffect } from 'react';
import type { EpochPlan } from '../../../shared/train/recipe';
import { estimateModes } from '../../bridge';
import { isAbortError } from '../../requests';
import { useStore } from '../../store';

/**
 * Asks the worker to time both modes on this device whenever what they depend on changes (backend, model,
 * the schedule's sizes, batch size, full mode chosen) while the Train step is open and nothing trains. Debounced: typing a
 * schedule does not queue a probe per keystroke.
 */
export function useModeProbe(plan: EpochPlan | null, batchSize: number, haveData: boolean, full = false): void {
  const open = useStore((s) => s.step === 'train');
  const ready = useStore((s) => s.ready && s.modelState === 'ready');
  const backend = useStore((s) => s.backend?.backend ?? '');
  const model = useStore((s) => s.model?.backbone ?? '');
  const idle = useStore((s) => s.trainState !== 'running' && s.trainState !== 'paused');
  const sizes = plan ? [...new Set(plan.perEpoch.map((e) => e.size))].sort((a, b) => a - b) : [];
  // full mode chosen: its steps are timed on the training backend too (worth it only then: they compile there)
  const key = `${backend}|${model}|${sizes.join(',')}|${batchSize}|${full ? 'full' : ''}`;
  const probeKey = useStore((s) => s.probeKey);
  useEffect(() => {
    if (!open || !ready || !idle || !haveData || sizes.length === 0 || key === probeKey) return undefined;
    const timer = setTimeout(() => {
      const s = useStore.getState();
      s.probeStarted(key);
      estimateModes(sizes, batchSize, s.projectId, full, (what, done, total) => useStore.getState().probeProgressed(key, what, done, total)).then(
        (probe) => useStore.getState().probeFinished(key, probe),
        (e: unknown) => {
          // cancelled by a run or a newer probe: not a failure to show
          if (isAbortError(e)) useStore.getState().probeCancelled(key);
          else useStore.getState().probeFailed(key, e instanceof Error ? e.message : String(e));
        },
      );
    }, 600);
    return () => clearTimeout(timer);
    // sizes is derived from key
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, ready, idle, haveData, key, probeKey, batchSize, full]);
}
