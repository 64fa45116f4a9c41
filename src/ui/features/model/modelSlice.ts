import type { StateCreator } from 'zustand';
import type { ModelInfo } from '../../../shared/protocol';
import type { Store } from '../../store';

export type ModelState = 'none' | 'loading' | 'ready' | 'error';

export interface ModelSlice {
  modelState: ModelState;
  /** Backbone id, URL or file names being loaded or loaded. */
  modelSource: string;
  model: ModelInfo | null;
  modelError: string | null;
  modelLoading: (source: string) => void;
  modelReady: (model: ModelInfo) => void;
  modelFailed: (source: string, message: string) => void;
}

export const createModelSlice: StateCreator<Store, [], [], ModelSlice> = (set) => ({
  modelState: 'none',
  modelSource: '',
  model: null,
  modelError: null,
  modelLoading: (modelSource) => set({ modelState: 'loading', modelSource, modelError: null }),
  modelReady: (model) => set({ modelState: 'ready', model, modelSource: model.backbone, modelError: null }),
  modelFailed: (modelSource, modelError) => set({ modelState: 'error', modelSource, modelError, model: null }),
});
