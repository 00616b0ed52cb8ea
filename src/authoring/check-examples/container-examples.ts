import { localized } from "../../i18n.js";
import type { CheckExample } from "../check-examples.js";
import { learnerImage } from "./example-images.js";

const TOP_TITLES = ["UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"];
const at = (second: number) => `2026-01-05T09:00:0${second}.123456789Z`;

/** Examples of the kinds that read the running container, and of the learner's answers. */
export const containerExamples = {
  "container.status": {
    id: "demarre",
    points: 2,
    options: { status: "running", stableForSeconds: 5 },
    title: localized("Le conteneur reste en marche", "The container keeps running"),
    hint: localized(
      "Lisez `docker logs <conteneur>` : l'application s'arrête-t-elle sur une erreur ?",
      "Read `docker logs <container>`: does the app stop on an error?",
    ),
    failing: { image: learnerImage, container: { state: { status: "exited", running: false, exitCode: 1 } } },
  },
  "container.health": {
    id: "detecte-panne",
    points: 4,
    options: { within: 60, afterFailure: { exec: ["touch", "/tmp/panne"], within: 45 } },
    title: localized("Le HEALTHCHECK détecte une panne", "The HEALTHCHECK detects a failure"),
    hint: localized(
      "La sonde doit interroger /health et échouer quand il répond 503 : `CMD true` dit toujours oui.",
      "The probe must ask /health and fail when it answers 503: `CMD true` always says yes.",
    ),
    failing: {
      image: {
        ...learnerImage,
        config: {
          ...learnerImage.config,
          healthcheck: { test: ["CMD-SHELL", "true"], intervalNs: 2e9, timeoutNs: 2e9, retries: 2 },
        },
      },
      container: {
        state: { health: "healthy" },
        exec: { "touch /tmp/panne": { exitCode: 0, stdout: "", stderr: "", timedOut: false } },
        health: {
          healthy: {
            reached: true,
            status: "healthy",
            probeOutputs: [""],
            probes: [{ exitCode: 0, output: "" }],
            waitedMs: 3200,
          },
          unhealthy: {
            reached: false,
            status: "healthy",
            probeOutputs: ["", ""],
            probes: [{ exitCode: 0, output: "" }],
            waitedMs: 15_000,
          },
        },
      },
    },
  },
  "container.processes": {
    id: "processus-application",
    points: 2,
    options: { expect: [{ pattern: "gunicorn", min: 2 }], forbid: ["sshd"] },
    title: localized("L'application tourne avec deux workers gunicorn", "The app runs with two gunicorn workers"),
    hint: localized(
      "Lancez `gunicorn --workers 2 app:app` dans le CMD.",
      "Start `gunicorn --workers 2 app:app` in the CMD.",
    ),
    failing: {
      image: learnerImage,
      container: {
        processes: {
          titles: TOP_TITLES,
          processes: [["root", "4242", "4221", "0", "09:00", "?", "00:00:00", "python app.py"]],
        },
      },
    },
  },
  "container.diff": {
    id: "ecritures",
    points: 2,
    options: {
      trigger: { exec: ["python", "ecrire.py"] },
      added: ["/app/data/*.db"],
      allowed: ["/app/data/**", "/tmp/**"],
    },
    title: localized("L'application n'écrit que dans /app/data", "The app writes only in /app/data"),
    hint: localized(
      "Écrivez la base de données dans /app/data (un VOLUME).",
      "Write the database in /app/data (a VOLUME).",
    ),
    failing: {
      image: learnerImage,
      container: {
        exec: { "python ecrire.py": { exitCode: 0, stdout: "", stderr: "", timedOut: false } },
        changes: [
          { kind: "changed", path: "/app" },
          { kind: "added", path: "/app/notes.db" },
          { kind: "changed", path: "/root" },
          { kind: "added", path: "/root/.python_history" },
        ],
      },
    },
  },
  "container.logs": {
    id: "journal-demarrage",
    points: 1,
    options: { patterns: ["^Listening on :8000"], forbid: ["Traceback"] },
    title: localized("L'application annonce son démarrage", "The app announces its start"),
    hint: localized("Lisez `docker logs <conteneur>`.", "Read `docker logs <container>`."),
    failing: {
      image: learnerImage,
      container: {
        state: { status: "exited", running: false, exitCode: 1 },
        logs: [
          { stream: "stderr", timestamp: at(1), text: "Traceback (most recent call last):" },
          { stream: "stderr", timestamp: at(1), text: '  File "/app/app.py", line 3, in <module>' },
          { stream: "stderr", timestamp: at(1), text: "ModuleNotFoundError: No module named 'flask'" },
        ],
      },
    },
  },
  "container.exec": {
    id: "utilisateur",
    points: 1,
    options: { command: ["whoami"], stdout: "^app$" },
    title: localized("L'application tourne sous l'utilisateur app", "The app runs as the user app"),
    hint: localized("Ajoutez `USER app` dans le Dockerfile.", "Add `USER app` to the Dockerfile."),
    failing: {
      image: learnerImage,
      container: { exec: { whoami: { exitCode: 0, stdout: "root\n", stderr: "", timedOut: false } } },
    },
  },
  "container.http": {
    id: "sante",
    points: 2,
    options: { port: 8000, path: "/health", status: 200, bodyPattern: "^ok$" },
    title: localized("/health répond ok", "/health answers ok"),
    hint: localized("Ajoutez une route /health qui répond `ok`.", "Add a /health route that answers `ok`."),
    failing: {
      image: learnerImage,
      container: { http: { "/health": { status: 200, body: "<!doctype html><h1>Bonjour depuis mon-app !</h1>\n" } } },
    },
  },
  "answers.command": {
    id: "statut",
    points: 2,
    options: { file: "reponses.yaml", question: "statut", fact: "container.status" },
    title: localized("La commande affiche le statut du conteneur", "The command prints the container's status"),
    hint: localized("`docker inspect -f '{{.State.Status}}' web`", "`docker inspect -f '{{.State.Status}}' web`"),
    failing: {
      image: learnerImage,
      container: {},
      submissionFiles: { "reponses.yaml": "statut: docker inspect -f '{{.State.Running}}' web\n" },
      learnerCommands: { "docker inspect -f '{{.State.Running}}' web": { exitCode: 0, output: "true\n" } },
    },
  },
} satisfies Record<string, CheckExample>;
