// Moved to src/shared/models/ so the UI can list the deployed bundles; kept here for the worker's imports.
export * from '../../shared/models/manifest';
