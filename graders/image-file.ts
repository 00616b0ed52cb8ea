import { posix } from "node:path";
import { z } from "zod";
import { defineGrader, failed, passed } from "../src/grading/grader.js";
import type { ImageContext, ImageFile } from "../src/grading/context.js";
import { localized, type Localized } from "../src/i18n.js";
import { regexOption } from "./support/regex-option.js";

/** name -> id from /etc/passwd or /etc/group (`name:x:id:...`). */
export function parseIdFile(content: string | undefined): Map<string, number> {
  const ids = new Map<string, number>();
  for (const line of (content ?? "").split("\n")) {
    const [name, , id] = line.split(":");
    if (name && id !== undefined && /^\d+$/.test(id)) ids.set(name, Number(id));
  }
  return ids;
}

async function idsOf(context: ImageContext, path: "/etc/passwd" | "/etc/group"): Promise<Map<string, number>> {
  return parseIdFile((await context.imageFile(path))?.content);
}

/** Resolves `uid`, `name`, `uid:gid` or `name:group` with the image's own account files. */
async function resolveOwner(
  owner: string,
  context: ImageContext,
): Promise<{ uid?: number; gid?: number; unknown?: string }> {
  const [user = "", group] = owner.split(":");
  const lookup = async (part: string, file: "/etc/passwd" | "/etc/group") =>
    /^\d+$/.test(part) ? Number(part) : (await idsOf(context, file)).get(part);
  const uid = await lookup(user, "/etc/passwd");
  if (uid === undefined) return { unknown: user };
  if (group === undefined) return { uid };
  const gid = await lookup(group, "/etc/group");
  return gid === undefined ? { unknown: group } : { uid, gid };
}

/** The file a symlink leads to, as `cat` would reach it (relative targets from the link's folder), at most 8 links. */
async function throughSymlinks(file: ImageFile, context: ImageContext): Promise<ImageFile | undefined> {
  let current: ImageFile | undefined = file;
  for (let hop = 0; hop < 8 && current?.type === "symlink" && current.linkTarget; hop += 1) {
    current = await context.imageFile(posix.resolve(posix.dirname(current.path), current.linkTarget));
  }
  return current;
}

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, "0");

interface FileExpectations {
  type?: string | undefined;
  contentPattern?: string | undefined;
  mode?: string | undefined;
  owner?: string | undefined;
  executableBy?: "any" | "owner" | "group" | "other" | undefined;
  followSymlink?: boolean | undefined;
}

/** The execute bits `executableBy` asks for: any one of them for `any`. */
const EXECUTE_BITS = { any: 0o111, owner: 0o100, group: 0o010, other: 0o001 } as const;

async function fileProblems(file: ImageFile, options: FileExpectations, context: ImageContext): Promise<Localized[]> {
  const problems: Localized[] = [];
  if (options.type && file.type !== options.type) {
    problems.push(
      localized(
        `type attendu ${options.type}, trouvé ${file.type}`,
        `expected type ${options.type}, found ${file.type}`,
      ),
    );
  }
  if (options.mode && (file.mode & 0o7777) !== parseInt(options.mode, 8)) {
    problems.push(
      localized(
        `droits attendus ${options.mode.padStart(4, "0")}, trouvés ${octal(file.mode)}`,
        `expected mode ${options.mode.padStart(4, "0")}, found ${octal(file.mode)}`,
      ),
    );
  }
  if (options.owner) {
    const wanted = await resolveOwner(options.owner, context);
    const actual = `${file.uid}:${file.gid}`;
    if (wanted.unknown !== undefined) {
      problems.push(
        localized(
          `« ${wanted.unknown} » n'existe pas dans /etc/passwd ou /etc/group de l'image (propriétaire actuel ${actual})`,
          `"${wanted.unknown}" does not exist in the image's /etc/passwd or /etc/group (current owner ${actual})`,
        ),
      );
    } else if (wanted.uid !== file.uid || (wanted.gid !== undefined && wanted.gid !== file.gid)) {
      const expected = `${options.owner} (${wanted.uid}${wanted.gid === undefined ? "" : `:${wanted.gid}`})`;
      problems.push(
        localized(`propriétaire attendu ${expected}, trouvé ${actual}`, `expected owner ${expected}, found ${actual}`),
      );
    }
  }
  if (options.executableBy && (file.mode & EXECUTE_BITS[options.executableBy]) === 0) {
    const who = {
      any: localized("aucun bit d'exécution", "no execute bit"),
      owner: localized("pas exécutable par son propriétaire", "not executable by its owner"),
      group: localized("pas exécutable par son groupe", "not executable by its group"),
      other: localized("pas exécutable par les autres", "not executable by others"),
    }[options.executableBy];
    problems.push(localized(`${who.fr} (droits ${octal(file.mode)})`, `${who.en} (mode ${octal(file.mode)})`));
  }
  if (options.contentPattern !== undefined) {
    const read = options.followSymlink && file.type === "symlink" ? await throughSymlinks(file, context) : file;
    if (read?.content === undefined) {
      problems.push(
        localized(
          `pas de contenu lisible (${read?.type ?? "lien cassé"}) pour /${options.contentPattern}/`,
          `no readable content (${read?.type ?? "broken link"}) for /${options.contentPattern}/`,
        ),
      );
    } else if (!new RegExp(options.contentPattern).test(read.content)) {
      problems.push(
        localized(
          `le contenu ne correspond pas à /${options.contentPattern}/`,
          `the content does not match /${options.contentPattern}/`,
        ),
      );
    }
  }
  return problems;
}

export default defineGrader({
  kind: "image.file",
  description: "A file of the built image: present or absent, its type, content, permissions and owner.",
  needs: "image",
  concurrent: true,
  options: {
    path: z.string().startsWith("/").describe("Absolute path in the image, e.g. /app/app.py."),
    exists: z.boolean().default(true).describe("false: the path must be absent (e.g. a secret or a cache)."),
    type: z.enum(["file", "directory", "symlink"]).optional().describe("What the path must be."),
    contentPattern: regexOption().optional().describe("Regex on the file's content (its first 64 KiB)."),
    mode: z
      .string()
      .regex(/^[0-7]{3,4}$/, "octal, e.g. 0644 or 644")
      .optional()
      .describe("Permission bits in octal, e.g. 0644 or 755."),
    owner: z
      .string()
      .regex(/^[^:]+(:[^:]+)?$/, "uid:gid, name or name:group")
      .optional()
      .describe("Owner: uid:gid, or user / user:group names from the image's /etc/passwd and /etc/group."),
    executableBy: z
      .enum(["any", "owner", "group", "other"])
      .optional()
      .describe("Whose execute bit must be set: owner, group, other, or any one of them."),
    followSymlink: z
      .boolean()
      .optional()
      .describe("true: contentPattern reads the file a symlink leads to (at most 8 links), as `cat` does."),
  },
  async run({ path, exists, ...expected }, context) {
    const file = await context.imageFile(path);
    if (!exists) {
      if (!file)
        return passed(localized(`${path} est absent, comme attendu.`, `${path} is absent, as expected.`), {
          expected: "absent",
          actual: "absent",
        });
      return failed(
        localized(
          `${path} ne devrait pas être dans l'image (${file.type}). Supprimez-le dans l'étape qui le crée ou excluez-le du contexte (.dockerignore).`,
          `${path} should not be in the image (${file.type}). Delete it in the step that creates it or leave it out of the context (.dockerignore).`,
        ),
        { expected: "absent", actual: file.type },
      );
    }
    if (!file)
      return failed(localized(`${path} est introuvable dans l'image.`, `${path} was not found in the image.`), {
        expected: "present",
        actual: "absent",
      });
    const problems = await fileProblems(file, expected, context);
    const actual = `${file.type} ${octal(file.mode)} ${file.uid}:${file.gid}`;
    if (problems.length > 0) {
      return failed(
        localized(
          `${path} : ${problems.map((p) => p.fr).join(" ; ")}.`,
          `${path}: ${problems.map((p) => p.en).join("; ")}.`,
        ),
        {
          expected: Object.entries(expected)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => `${k}=${v}`)
            .join(" "),
          actual,
        },
      );
    }
    return passed(localized(`${path} : ${actual}, conforme.`, `${path}: ${actual}, as expected.`), { actual });
  },
});
