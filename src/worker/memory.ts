import * as tf from '@tensorflow/tfjs';
import type { MemoryInfo } from '../shared/protocol';

/** tf.memory() as the UI sees it (progress events, the status bar): GPU bytes only where the backend counts them. */
export function memoryInfo(): MemoryInfo {
  const m = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number };
  return m.numBytesInGPU === undefined ? { numTensors: m.numTensors, numBytes: m.numBytes } : { numTensors: m.numTensors, numBytes: m.numBytes, numBytesInGPU: m.numBytesInGPU };
}
