// Pure core of dataset import: from dropped folders to labelled, decoded, de-duplicated and split images.
// The UI/worker wiring (reading files, decoding PNG/JPEG with createImageBitmap, storing) lives elsewhere.

export { collectFromEntries, entriesFromDataTransfer, filesFromInput, readAllEntries } from './traverse';
export type { CollectedFile, CollectOptions, DataTransferItemLike, FileLike, FsDirectoryReaderLike, FsEntryLike } from './traverse';
export { classifyPaths, extensionOf, IMAGE_EXTENSIONS, isHiddenPath, isImagePath, pairSidecars, splitFolderName } from './layout';
export type { DatasetLayout, LayoutFile, SkippedFile, SplitName } from './layout';
export { decodeTiff, isTiff, stretch16, TIFF_MAX_PIXELS, TIFF_MAX_SIDE } from './tiff';
export type { DecodedTiff, TiffDecodeOptions } from './tiff';
export { encodeTiff } from './tiffWrite';
export type { TiffCompression, TiffPage, TiffWriteOptions } from './tiffWrite';
export { downscaleToWidth, resizeGray, toGray } from './gray';
export type { GrayImage, Rect } from './gray';
export { cropRows, detectDataBar, scaleDataBar } from './dataBar';
export type { DataBarResult } from './dataBar';
export { hamming, phash, phashFromHex, phashShifts, phashToHex, shiftedDistance } from './phash';
export type { PHash } from './phash';
export { nearDuplicateGroups } from './nearDup';
export type { HashedItem } from './nearDup';
export { makeSplit } from './split';
export type { SplitItem, SplitOptions, SplitResult } from './split';
export { sha256Hex } from './hash';
