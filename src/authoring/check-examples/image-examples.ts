import { localized } from "../../i18n.js";
import type { CheckExample } from "../check-examples.js";
import { builtOn, digest, learnerImage, slimBase } from "./example-images.js";

const MB = 1e6;
const PASSWD = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";

/** Examples of the kinds that read the Dockerfile or the built image. */
export const imageExamples = {
  "dockerfile.base-pinned": {
    id: "base-epinglee",
    points: 1,
    options: { variants: ["slim", "alpine"] },
    title: localized(
      "L'image de base est une variante légère épinglée",
      "The base image is a pinned lightweight variant",
    ),
    hint: localized(
      "Écrivez par exemple `FROM python:3.11-slim` (jamais `latest`).",
      "Write e.g. `FROM python:3.11-slim` (never `latest`).",
    ),
    failing: { dockerfile: 'FROM python:latest\nWORKDIR /app\nCOPY app.py .\nCMD ["python", "app.py"]\n' },
  },
  "dockerfile.lint": {
    id: "bonnes-pratiques",
    points: 2,
    options: { rules: ["consecutive-run", "copy-before-install", "pip-cache"] },
    title: localized("Le Dockerfile suit les bonnes pratiques", "The Dockerfile follows good practices"),
    hint: localized(
      "Copiez requirements.txt seul, installez avec `pip install --no-cache-dir` en un seul RUN, puis copiez le code.",
      "Copy requirements.txt alone, install with `pip install --no-cache-dir` in one RUN, then copy the code.",
    ),
    failing: {
      dockerfile:
        'FROM python:3.11-slim\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nRUN useradd app\nCMD ["python", "app.py"]\n',
    },
  },
  "image.tags": {
    id: "tags",
    points: 3,
    options: { refs: ["mon-app:v1", "mon-app:latest", "registry.example.com/mon-app:v1"], sameImage: true },
    title: localized("Les trois tags désignent la même image", "The three tags point to the same image"),
    hint: localized(
      "`docker tag mon-app:v1 registry.example.com/mon-app:v1` ajoute un nom sans copier l'image.",
      "`docker tag mon-app:v1 registry.example.com/mon-app:v1` adds a name without copying the image.",
    ),
    failing: {
      image: learnerImage,
      images: { "mon-app:v1": learnerImage, "mon-app:latest": learnerImage },
      commandRuns: [
        { line: 1, text: "docker build -t mon-app:v1 .", exitCode: 0, output: "" },
        { line: 2, text: "docker tag mon-app:v1 mon-app:latest", exitCode: 0, output: "" },
      ],
    },
  },
  "image.layers": {
    id: "couches",
    points: 2,
    options: { max: 3 },
    title: localized("L'image ajoute au plus 3 couches", "The image adds at most 3 layers"),
    hint: localized("Regroupez les RUN avec `&&`.", "Join RUNs with `&&`."),
    failing: {
      base: slimBase,
      image: builtOn(slimBase, [
        { createdBy: "RUN /bin/sh -c apt-get update # buildkit", sizeBytes: 19 * MB },
        { createdBy: "RUN /bin/sh -c apt-get install -y curl # buildkit", sizeBytes: 9.4 * MB },
        { createdBy: "RUN /bin/sh -c useradd app # buildkit", sizeBytes: 4100 },
        { createdBy: "COPY app.py . # buildkit", sizeBytes: 310 },
      ]),
    },
  },
  "image.size": {
    id: "taille",
    points: 2,
    options: { maxMb: 200 },
    title: localized("L'image pèse au plus 200 Mo", "The image weighs at most 200 MB"),
    hint: localized(
      "Partez de `python:3.11-slim`, pas de `python:3.11`.",
      "Start from `python:3.11-slim`, not `python:3.11`.",
    ),
    failing: {
      base: { ...slimBase, sizeBytes: 1017 * MB },
      image: builtOn({ ...slimBase, sizeBytes: 1017 * MB }, [
        { createdBy: "COPY app.py . # buildkit", sizeBytes: 310 },
      ]),
    },
  },
  "image.history": {
    id: "historique",
    points: 2,
    options: {
      steps: [{ pattern: "COPY requirements\\.txt" }, { pattern: "pip install" }, { pattern: "COPY \\. \\." }],
      forbid: ["apt-get update$"],
    },
    title: localized(
      "Les dépendances sont installées avant la copie du code",
      "Dependencies are installed before the code is copied",
    ),
    hint: localized(
      "Copiez requirements.txt, installez, puis copiez le reste.",
      "Copy requirements.txt, install, then copy the rest.",
    ),
    failing: {
      base: slimBase,
      image: builtOn(slimBase, [
        { createdBy: "WORKDIR /app", sizeBytes: 0 },
        { createdBy: "COPY . . # buildkit", sizeBytes: 4900 },
        { createdBy: "RUN /bin/sh -c pip install --no-cache-dir -r requirements.txt # buildkit", sizeBytes: 11.2 * MB },
      ]),
    },
  },
  "image.efficiency": {
    id: "gaspillage",
    points: 2,
    options: { maxWastedMb: 1 },
    title: localized("Aucun fichier supprimé trop tard", "No file deleted too late"),
    hint: localized(
      "Téléchargez, décompressez et supprimez l'archive dans le même RUN.",
      "Download, unpack and delete the archive in the same RUN.",
    ),
    failing: {
      image: learnerImage,
      layerFiles: [
        {
          diffId: digest(201),
          createdBy: "COPY donnees.tar.gz /tmp/ # buildkit",
          sizeBytes: 16 * MB,
          fromBase: false,
          files: [{ path: "/tmp/donnees.tar.gz", sizeBytes: 16 * MB, whiteout: false, isDirectory: false }],
        },
        {
          diffId: digest(202),
          createdBy: "RUN /bin/sh -c tar -xzf /tmp/donnees.tar.gz -C /app # buildkit",
          sizeBytes: 2.1 * MB,
          fromBase: false,
          files: [{ path: "/app/donnees.csv", sizeBytes: 2.1 * MB, whiteout: false, isDirectory: false }],
        },
        {
          diffId: digest(203),
          createdBy: "RUN /bin/sh -c rm /tmp/donnees.tar.gz # buildkit",
          sizeBytes: 0,
          fromBase: false,
          files: [{ path: "/tmp/donnees.tar.gz", sizeBytes: 0, whiteout: true, isDirectory: false }],
        },
      ],
    },
  },
  "image.shares-layers": {
    id: "base-partagee",
    points: 1,
    options: { with: "python:3.11-slim" },
    title: localized("L'image est construite sur python:3.11-slim", "The image is built on python:3.11-slim"),
    hint: localized("Gardez `FROM python:3.11-slim`.", "Keep `FROM python:3.11-slim`."),
    failing: {
      image: { ...learnerImage, layers: [digest(31), digest(32), digest(201)], sizeBytes: 72 * MB },
      images: { "python:3.11-slim": slimBase },
    },
  },
  "image.config": {
    id: "configuration",
    points: 2,
    options: { workdir: "/app", notRoot: true, exposedPorts: ["8000"] },
    title: localized(
      "L'image tourne sous un utilisateur dédié, dans /app, port 8000",
      "The image runs as a dedicated user, in /app, port 8000",
    ),
    hint: localized(
      "Ajoutez `USER app` (après avoir créé l'utilisateur) et `EXPOSE 8000`.",
      "Add `USER app` (after creating the user) and `EXPOSE 8000`.",
    ),
    failing: {
      image: learnerImage,
      files: {
        "/etc/passwd": {
          path: "/etc/passwd",
          type: "file",
          mode: 0o644,
          uid: 0,
          gid: 0,
          sizeBytes: PASSWD.length,
          content: PASSWD,
        },
      },
    },
  },
  "image.file": {
    id: "sans-secret",
    points: 1,
    options: { path: "/app/.env", exists: false },
    title: localized("Le fichier .env n'est pas dans l'image", "The .env file is not in the image"),
    hint: localized("Ajoutez `.env` au `.dockerignore`.", "Add `.env` to `.dockerignore`."),
    failing: {
      image: learnerImage,
      files: {
        "/app/.env": {
          path: "/app/.env",
          type: "file",
          mode: 0o644,
          uid: 0,
          gid: 0,
          sizeBytes: 42,
          content: "API_KEY=...\n",
        },
      },
    },
  },
  "image.command": {
    id: "dependances",
    points: 2,
    options: { command: ["python", "-c", "import petitcadre"] },
    title: localized("La dépendance petitcadre est installée", "The petitcadre dependency is installed"),
    hint: localized(
      "Installez requirements.txt avec pip dans le Dockerfile.",
      "Install requirements.txt with pip in the Dockerfile.",
    ),
    failing: {
      image: learnerImage,
      oneOffCommands: {
        "python -c import petitcadre": {
          exitCode: 1,
          stdout: "",
          stderr:
            "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nModuleNotFoundError: No module named 'petitcadre'\n",
          timedOut: false,
        },
      },
    },
  },
  "build.cache": {
    id: "cache-dependances",
    points: 3,
    options: { change: { file: "app.py" }, cached: ["pip install"], rebuilt: ["COPY \\. \\."] },
    title: localized(
      "Modifier app.py ne réinstalle pas les dépendances",
      "Changing app.py does not reinstall the dependencies",
    ),
    hint: localized(
      "Copiez requirements.txt et installez avant `COPY . .`.",
      "Copy requirements.txt and install before `COPY . .`.",
    ),
    failing: {
      image: learnerImage,
      rebuild: {
        ok: true,
        logExcerpt: [],
        steps: [
          { instruction: "FROM python:3.11-slim", cached: true },
          { instruction: "WORKDIR /app", cached: true },
          { instruction: "COPY . .", cached: false },
          { instruction: "RUN pip install --no-cache-dir -r requirements.txt", cached: false },
        ],
      },
    },
  },
} satisfies Record<string, CheckExample>;
