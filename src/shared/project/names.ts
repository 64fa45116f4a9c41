// The project file's names, apart from its reader and writer so the UI can show them without loading zip.js.
export const PROJECT_FORMAT = 'sem-project';
export const PROJECT_VERSION = 1;
export const MANIFEST_NAME = 'sem-project.json';
export const PROJECT_EXTENSION = '.semproject.zip';
