import { create } from 'zustand';
import { createAppSlice, type AppSlice } from './appSlice';
import { createClassifySlice, type ClassifySlice } from '../features/classify/classifySlice';
import { createDatasetSlice, type DatasetSlice } from '../features/data/datasetSlice';
import { createEvalSlice, type EvalSlice } from '../features/evaluate/evalSlice';
import { createLabelSlice, type LabelSlice } from '../features/data/labelSlice';
import { createModelSlice, type ModelSlice } from '../features/model/modelSlice';
import { createShareSlice, type ShareSlice } from '../features/share/shareSlice';
import { createRunsSlice, type RunsSlice } from '../features/train/runsSlice';
import { createProjectSlice, type ProjectSlice } from '../features/project/projectSlice';
import { createTrainSlice, type TrainSlice } from '../features/train/trainSlice';
import { createTrainToolsSlice, type TrainToolsSlice } from '../features/train/trainToolsSlice';

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
