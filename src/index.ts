/** dockgrade's public API: load an exercise, grade submissions on an engine, render reports. */
export { loadExercise, type LoadedExercise } from "./exercise/load-exercise.js";
export { findExerciseDirs } from "./exercise/find-exercises.js";
export type { Exercise, CheckSpec, Limits } from "./exercise/exercise-schema.js";
export { gradeSubmission, runPlan, type GradeOptions } from "./grading/grade-submission.js";
export { gradeBatch, type BatchItem, type BatchOptions } from "./grading/grade-batch.js";
export { runStaticChecks } from "./grading/static-checks.js";
export { defineGrader, passed, failed, type GraderDefinition, type CheckOutcome } from "./grading/grader.js";
export type { ContainerContext, DockerfileContext, ImageContext } from "./grading/context.js";
export type { CheckResult, SubmissionResult, RunResult, SubmissionTimings, EngineWork } from "./grading/result.js";
export { runExitCode } from "./grading/result.js";
export { renderReport, reporters, ReportWithheldError, type ReportFormat, type ReportOptions } from "./report/index.js";
export type { Roster, Student } from "./report/gradebook.js";
export { createDockerClient, requireEngine } from "./runtime/docker-client.js";
export { removeManagedObjects, countManagedObjects } from "./runtime/remove-managed.js";
