import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './appSlice';
import { createClassifySlice, type ClassifySlice } from './classifySlice';
import { createDatasetSlice, type DatasetSlice } from './datasetSlice';
import { createEvalSlice, type EvalSlice } from './evalSlice';
import { createLabelSlice, type LabelSlice } from './labelSlice';
import { createModelSlice, type ModelSlice } from './modelSlice';
import { createShareSlice, type ShareSlice } from './shareSlice';
import { createRunsSlice, type RunsSlice } from './runsSlice';
import { createProjectSlice, type ProjectSlice } from './projectSlice';
import { createTrainSlice, type TrainSlice } from './trainSlice';
import { createTrainToolsSlice, type TrainToolsSlice } from './trainToolsSlice';

export type Store = AppSlice & ModelSlice & ClassifySlice & DatasetSlice & TrainSlice & EvalSlice & TrainToolsSlice & ShareSlice & RunsSlice & ProjectSlice & LabelSlice;

/** One store from typed slices; actions are callable outside React (the bridge uses useStore.getState()). */
export const useStore = create<Store>()((...a) => ({
  ...createAppSlice(...a),
  ...createModelSlice(...a),
  ...createClassifySlice(...a),
  ...createDatasetSlice(...a),
  ...createTrainSlice(...a),
  ...createEvalSlice(...a),
  ...createTrainToolsSlice(...a),
  ...createShareSlice(...a),
  ...createRunsSlice(...a),
  ...createProjectSlice(...a),
  ...createLabelSlice(...a),
}));

const initial = useStore.getState();
/** Back to the first state, for tests. */
export function resetStore(): void {
  useStore.setState(initial, true);
}
