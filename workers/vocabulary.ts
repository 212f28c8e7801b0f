// Piscina task module for the vocabulary: scans a project folder's source files off the main thread.
// Results come back as { ok, value | error } so AppError codes survive the thread hop (thrown errors lose them).
import { toAppError } from '../main/core/errors.js';
import { scanProject, type ProjectScanOutcome, type ProjectScanTask } from '../main/vocabulary/project-scan.js';

export function scan(task: ProjectScanTask): ProjectScanOutcome {
  try {
    return { ok: true, value: scanProject(task.dir, task.limits) };
  } catch (error) {
    const e = toAppError(error);
    return { ok: false, error: { code: e.code, message: e.message } };
  }
}
