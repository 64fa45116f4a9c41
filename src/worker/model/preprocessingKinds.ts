// Moved to src/shared/models/ so the UI can read them too; kept here for the worker's imports.
export * from '../../shared/models/preprocessingKinds';
