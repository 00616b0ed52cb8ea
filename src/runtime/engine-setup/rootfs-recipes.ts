import { chmod, copyFile, mkdir, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type LineLogger, hostAptSourceLines, hostDebianSuite, requireHostProgram, runCommand } from "./host-tools.js";

/** What `docker import --change` must add to a root filesystem to make it behave like the image it stands in for. */
export interface StandInImageConfig {
  env: string[];
  cmd: string[];
  /** Says where the content came from, for the image's description label. */
  origin: string;
}

/** One buildable stand-in: fills `root` (an empty, not yet created directory) and returns the image config. */
export interface RootfsRecipe {
  ref: string;
  /** Recorded in the image's `io.dockgrade.stand-in.recipe` label. */
  name: string;
  summary: string;
  buildRootfs(root: string, workDir: string, log: LineLogger): Promise<StandInImageConfig>;
}

const OFFICIAL_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
const MERGED_USR_HOOKS = "/usr/share/mmdebstrap/hooks/merged-usr";
const PYTHON_SERIES = "3.11";
const PYTHON_BASE_PACKAGES = ["python3", "python3-pip", "python3-venv", "ca-certificates", "netbase", "tzdata"];
const PYTHON_FULL_EXTRAS = ["build-essential", "python3-dev", "git", "curl", "wget", "procps"];

// Written by a setup hook so that dpkg never unpacks these files: faster than --dpkgopt and
// smaller than deleting them afterwards. It stays in the image, as in Debian's own slim images.
const DPKG_EXCLUDES = [
  "path-exclude=/usr/share/doc/*",
  "path-include=/usr/share/doc/*/copyright",
  "path-exclude=/usr/share/man/*",
  "path-exclude=/usr/share/info/*",
  "path-exclude=/usr/share/locale/*",
  "path-include=/usr/share/locale/locale.alias",
  "path-exclude=/usr/share/lintian/*",
  "",
].join("\n");

// Debian's python installs to /usr/local/lib/python3.X/dist-packages, and with `--prefix=P` to
// P/local/lib/...; the official image uses P/lib/python3.X/site-packages and P/bin, and
// Dockerfiles rely on it (`pip install --prefix=/install` then `COPY --from=build /install /usr/local`).
// Loaded from a .pth at every start outside venvs, it switches to the official layout.
const OFFICIAL_LAYOUT_MODULE = `"""dockgrade stand-in: install and import like the official python image (/usr/local)."""
import site
import sys
import sysconfig

if sys.prefix == sys.base_prefix:
    sysconfig._INSTALL_SCHEMES["posix_local"] = dict(
        sysconfig._INSTALL_SCHEMES["posix_local"],
        purelib="{base}/lib/python{py_version_short}/site-packages",
        platlib="{platbase}/lib/python{py_version_short}/site-packages",
        scripts="{base}/bin",
        data="{base}",
    )
    _config = sysconfig.get_config_vars()
    _config["base"] = _config["platbase"] = "/usr/local"
    _known = list(sys.path)
    site.addsitedir("/usr/local/lib/python%d.%d/site-packages" % sys.version_info[:2])
    _added = [p for p in sys.path if p not in _known]
    _first_dist = next((i for i, p in enumerate(_known) if p.endswith("dist-packages")), len(_known))
    sys.path[:] = _known[:_first_dist] + _added + _known[_first_dist:]
`;

const MINIMAL_PASSWD = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n";
const NOLOGIN = '#!/bin/sh\necho "This account is not available" >&2\nexit 1\n';
const MINIMAL_GROUP = "root:x:0:\nnobody:x:65534:\n";

// Debian's busybox builds leave out adduser/addgroup, which Alpine-style Dockerfiles use for a
// non-root user. This script covers their common options with busybox's defaults.
const BUSYBOX_USER_TOOLS = `#!/bin/sh
# dockgrade stand-in: adduser/addgroup in the style of busybox (not the real applets).
set -e
die() { echo "$(basename "$0"): $*" >&2; exit 1; }
has() { grep -q "^$2:" "/etc/$1"; }
free_id() { # FILE FIRST LAST: the lowest id in FIRST..LAST not used in /etc/FILE
  id=$2
  while cut -d: -f3 "/etc/$1" | grep -qx "$id"; do id=$((id + 1)); done
  [ "$id" -le "$3" ] || die "no free id in $2..$3"
  echo "$id"
}
join_group() { # USER GROUP
  has passwd "$1" || die "unknown user $1"
  line=$(grep "^$2:" /etc/group) || die "unknown group $2"
  members=\${line##*:}
  case ",$members," in *",$1,"*) return 0 ;; esac
  sed -i "s/^$2:.*\\$/$line\${members:+,}$1/" /etc/group
}
home= gecos="Linux User,,," shell= group= system= nohome= id=
usage="usage: adduser [-h DIR] [-g GECOS] [-s SHELL] [-G GROUP] [-S] [-D] [-H] [-u UID] USER [GROUP]"
options=h:g:s:G:SDHu:k:
if [ "$(basename "$0")" = addgroup ]; then
  usage="usage: addgroup [-g GID] [-S] [USER] GROUP" options=g:S
fi
# Like busybox, accept options after the names too (adduser -S app -G app).
operands=
while [ $# -gt 0 ]; do
  OPTIND=1
  while getopts "$options" opt; do
    case $opt in
      h) home=$OPTARG ;; g) if [ "$options" = g:S ]; then id=$OPTARG; else gecos=$OPTARG; fi ;;
      s) shell=$OPTARG ;; G) group=$OPTARG ;; S) system=1 ;; H) nohome=1 ;; u) id=$OPTARG ;; D | k) ;;
      *) die "$usage" ;;
    esac
  done
  shift $((OPTIND - 1))
  if [ $# -gt 0 ]; then operands="$operands $1"; shift; fi
done
set -- $operands
if [ $# -eq 2 ]; then join_group "$1" "$2"; exit 0; fi
[ $# -eq 1 ] || die "$usage"
if [ "$options" = g:S ]; then
  ! has group "$1" || die "group '$1' in use"
  if [ -z "$id" ]; then
    if [ -n "$system" ]; then id=$(free_id group 100 999); else id=$(free_id group 1000 64999); fi
  fi
  echo "$1:x:$id:" >>/etc/group
  exit 0
fi
! has passwd "$1" || die "user '$1' in use"
if [ -n "$system" ]; then
  id=\${id:-$(free_id passwd 100 999)} shell=\${shell:-/sbin/nologin}
  if [ -z "$group" ]; then group=nogroup; has group nogroup || echo "nogroup:x:65533:" >>/etc/group; fi
else
  id=\${id:-$(free_id passwd 1000 64999)}
fi
if [ -z "$group" ]; then
  if cut -d: -f3 /etc/group | grep -qx "$id"; then gid=$(free_id group 1000 64999); else gid=$id; fi
  echo "$1:x:$gid:" >>/etc/group
else
  gid=$(grep "^$group:" /etc/group | cut -d: -f3) && [ -n "$gid" ] || die "unknown group $group"
fi
home=\${home:-/home/$1}
echo "$1:x:$id:$gid:$gecos:$home:\${shell:-/bin/sh}" >>/etc/passwd
if [ -z "$nohome" ] && [ ! -e "$home" ]; then mkdir -p "$home" && chown "$id:$gid" "$home"; fi
`;

export const ROOTFS_RECIPES: readonly RootfsRecipe[] = [
  {
    ref: "python:3.11-slim",
    name: "debian-python-slim",
    summary: "Debian minbase + python3, pip, venv, ca-certificates, netbase, tzdata",
    buildRootfs: (root, workDir, log) => buildDebianPython(root, workDir, log, PYTHON_BASE_PACKAGES),
  },
  {
    ref: "python:3.11",
    name: "debian-python-full",
    summary: "the slim stand-in + build-essential, python3-dev, git, curl, wget, procps",
    buildRootfs: (root, workDir, log) =>
      buildDebianPython(root, workDir, log, [...PYTHON_BASE_PACKAGES, ...PYTHON_FULL_EXTRAS]),
  },
  {
    ref: "python:3.11-alpine",
    name: "debian-python-busybox",
    summary: "an approximation: Debian python3 and pip unpacked with busybox as the shell (glibc, no apk)",
    buildRootfs: buildPythonOnBusybox,
  },
  {
    ref: "busybox:1.36",
    name: "debian-busybox-static",
    summary: "Debian's busybox-static with its applet symlinks, adduser/addgroup, root and nobody users",
    buildRootfs: buildBusybox,
  },
];

async function buildDebianPython(root: string, workDir: string, log: LineLogger, packages: string[]) {
  await requireHostProgram("/usr/bin/mmdebstrap", "mmdebstrap");
  const suite = await hostDebianSuite();
  const excludesFile = join(workDir, "dpkg-excludes");
  await writeFile(excludesFile, DPKG_EXCLUDES);
  // Without the merged-usr hooks minbase pulls in usrmerge and perl (+18 MB).
  await mmdebstrap(suite, root, log, [
    "--variant=minbase",
    `--hook-dir=${MERGED_USR_HOOKS}`,
    `--setup-hook=upload ${excludesFile} /etc/dpkg/dpkg.cfg.d/dockgrade-excludes`,
    `--include=${packages.join(",")}`,
  ]);
  return finishPythonRootfs(root, suite, log);
}

async function buildPythonOnBusybox(root: string, _workDir: string, log: LineLogger) {
  await requireHostProgram("/usr/bin/mmdebstrap", "mmdebstrap");
  const suite = await hostDebianSuite();
  // "extract" unpacks the packages and their dependencies without dpkg, apt or any maintainer
  // script: like Alpine, the result has no Debian package manager and busybox is the shell.
  await mmdebstrap(suite, root, log, ["--variant=extract", "--include=python3,python3-pip,busybox"]);
  await installBusyboxUserland(root, log);
  for (const dir of ["root", "tmp", "var/tmp"]) await mkdir(join(root, dir), { recursive: true });
  await chmod(join(root, "tmp"), 0o1777);
  await chmod(join(root, "var/tmp"), 0o1777);
  return finishPythonRootfs(root, suite, log);
}

async function buildBusybox(root: string, _workDir: string, log: LineLogger): Promise<StandInImageConfig> {
  await requireHostProgram("/bin/busybox", "busybox-static");
  // A dynamically linked /bin/busybox (package "busybox") would not run in an empty rootfs.
  const status = await runCommand("dpkg-query", ["-W", "-f", "${Status}", "busybox-static"]).catch(() => "");
  if (!status.includes("installed")) {
    throw new Error("busybox-static is not installed; install it with: apt-get install -y busybox-static");
  }
  for (const dir of ["bin", "sbin", "usr/bin", "usr/sbin", "etc", "root", "home", "var", "tmp"]) {
    await mkdir(join(root, dir), { recursive: true });
  }
  await chmod(join(root, "tmp"), 0o1777);
  await copyFile("/bin/busybox", join(root, "bin/busybox"));
  await chmod(join(root, "bin/busybox"), 0o755);
  await installBusyboxUserland(root, log);
  const version = (await runCommand("dpkg-query", ["-W", "-f", "${Version}", "busybox-static"])).trim();
  return { env: [OFFICIAL_PATH], cmd: ["sh"], origin: `Debian's busybox-static ${version}` };
}

/** Applet symlinks, adduser/addgroup, and the passwd/group files a busybox image starts with. */
async function installBusyboxUserland(root: string, log: LineLogger): Promise<void> {
  await runCommand("chroot", [root, "/bin/busybox", "--install", "-s"], log);
  await mkdir(join(root, "usr/sbin"), { recursive: true });
  await writeFile(join(root, "usr/sbin/adduser"), BUSYBOX_USER_TOOLS, { mode: 0o755 });
  await symlink("adduser", join(root, "usr/sbin/addgroup"));
  // The shell adduser -S gives; Debian's dynamic busybox has no nologin applet.
  await mkdir(join(root, "sbin"), { recursive: true });
  await writeFile(join(root, "sbin/nologin"), NOLOGIN, { mode: 0o755, flag: "wx" }).catch(ignoreIfExists);
  await writeFile(join(root, "etc/passwd"), MINIMAL_PASSWD);
  await writeFile(join(root, "etc/group"), MINIMAL_GROUP);
}

async function mmdebstrap(suite: string, root: string, log: LineLogger, options: string[]): Promise<void> {
  const sources = await hostAptSourceLines(suite);
  log(`mmdebstrap ${options[0] ?? ""} ${suite} from ${sources.length} apt sources of this machine`);
  await runCommand("mmdebstrap", [...options, suite, root, ...sources], log);
}

/** Makes Debian's python look like the official image's: /usr/local paths, pip allowed, no host leftovers. */
async function finishPythonRootfs(root: string, suite: string, log: LineLogger): Promise<StandInImageConfig> {
  const inRoot = (path: string) => join(root, path);
  const version = (
    await runCommand("chroot", [root, "/usr/bin/python3", "-c", "import platform; print(platform.python_version())"])
  ).trim();
  if (!version.startsWith(`${PYTHON_SERIES}.`)) {
    throw new Error(
      `Debian ${suite} ships Python ${version}, not ${PYTHON_SERIES}: no stand-in for python:${PYTHON_SERIES}`,
    );
  }
  log(`python ${version}: adjusting the rootfs to look like the official image`);
  // Debian's pip refuses to install anything while this PEP 668 marker exists.
  await rm(inRoot(`usr/lib/python${PYTHON_SERIES}/EXTERNALLY-MANAGED`), { force: true });
  await mkdir(inRoot("usr/local/bin"), { recursive: true });
  for (const [name, target] of [
    ["python", "python3"],
    ["python3", "python3"],
    ["pip", "pip3"],
    ["pip3", "pip3"],
  ]) {
    await rm(inRoot(`usr/local/bin/${name}`), { force: true });
    await symlink(`/usr/bin/${target}`, inRoot(`usr/local/bin/${name}`));
  }
  await mkdir(inRoot(`usr/local/lib/python${PYTHON_SERIES}/site-packages`), { recursive: true });
  await writeFile(inRoot("usr/lib/python3/dist-packages/_dockgrade_official_layout.py"), OFFICIAL_LAYOUT_MODULE);
  await writeFile(
    inRoot("usr/lib/python3/dist-packages/00-dockgrade-official-layout.pth"),
    "import _dockgrade_official_layout\n",
  );
  // mmdebstrap copies the host's resolv.conf and hostname; docker mounts its own at run time.
  await writeFile(inRoot("etc/resolv.conf"), "");
  await writeFile(inRoot("etc/hostname"), "");
  await emptyDirectory(inRoot("var/lib/apt/lists"), new Set(["partial"]));
  for (const dir of ["usr/share/man", "usr/share/info", "usr/share/lintian"]) await emptyDirectory(inRoot(dir));
  await emptyDirectory(inRoot("usr/share/locale"), new Set(["locale.alias"]));
  await removeDocsButCopyright(inRoot("usr/share/doc"));
  return {
    env: [OFFICIAL_PATH, "LANG=C.UTF-8", `PYTHON_VERSION=${version}`],
    cmd: ["python3"],
    origin: `Debian ${suite} packages (Python ${version})`,
  };
}

function ignoreIfExists(error: NodeJS.ErrnoException): void {
  if (error.code !== "EEXIST") throw error;
}

async function emptyDirectory(dir: string, keep: ReadonlySet<string> = new Set()): Promise<void> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  for (const entry of entries) if (!keep.has(entry)) await rm(join(dir, entry), { recursive: true, force: true });
}

async function removeDocsButCopyright(docDir: string): Promise<void> {
  for (const pkg of await readdir(docDir).catch(() => [] as string[])) {
    const files = await readdir(join(docDir, pkg)).catch(() => null);
    if (files === null) continue;
    await emptyDirectory(join(docDir, pkg), new Set(["copyright"]));
  }
}
