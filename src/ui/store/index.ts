import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './appSlice';
import { createClassifySlice, type ClassifySlice } from './classifySlice';
import { createDatasetSlice, type DatasetSlice } from './datasetSlice';
import { createModelSlice, type ModelSlice } from './modelSlice';
import { createRunsSlice, type RunsSlice } from './runsSlice';
import { createTrainSlice, type TrainSlice } from './trainSlice';

export type Store = AppSlice & ModelSlice & ClassifySlice & DatasetSlice & TrainSlice & RunsSlice;

/** One store from typed slices; actions are callable outside React (the bridge uses useStore.getState()). */
export const useStore = create<Store>()((...a) => ({
  ...createAppSlice(...a),
  ...createModelSlice(...a),
  ...createClassifySlice(...a),
  ...createDatasetSlice(...a),
  ...createTrainSlice(...a),
  ...createRunsSlice(...a),
}));

const initial = useStore.getState();
/** Back to the first state, for tests. */
export function resetStore(): void {
  useStore.setState(initial, true);
}
