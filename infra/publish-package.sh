#!/usr/bin/env bash
# The package step shared by deploy.sh and the azd hooks: builds the code package of one commit (never of the
# working tree) and puts it in the app's storage account as deployments/{commit}.zip, once.
#
# The package is built from `git archive` of the commit in a temporary folder, so what runs in Azure is exactly that
# commit: uncommitted or untracked files cannot slip in. A blob that already exists is never overwritten: a commit's
# package is immutable, which makes a rollback (pointing the app at an older blob) trustworthy.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/.." && pwd)"
container="deployments"

# Every temporary folder goes at exit, whatever way the script ends.
temp_dirs=()
cleanup() {
  local dir
  # The ${a[@]+...} form keeps an empty array valid under set -u in older bash (macOS ships 3.2).
  for dir in ${temp_dirs[@]+"${temp_dirs[@]}"}; do
    rm -rf "${dir}"
  done
}
trap cleanup EXIT

mode=""
commit=""
allow_dirty=false
account_name=""
package_file=""
output_file=""

usage() {
  cat <<'EOF'
Usage:
  infra/publish-package.sh --print-commit [--commit <sha>] [--allow-dirty]
  infra/publish-package.sh --output <file.zip> [--commit <sha>] [--allow-dirty]
  infra/publish-package.sh --account-name <storage-account> [--file <file.zip>] [--commit <sha>] [--allow-dirty]
  infra/publish-package.sh --account-name <storage-account> --check [--commit <sha>] [--allow-dirty]

Builds the code package (dotnet publish src/LerarenFunctions -c Release, zipped) of one commit and uploads it to
the container 'deployments' of the app's storage account as {full commit sha}.zip, signed in with the Azure CLI
(az storage blob upload --auth-mode login). A package that is already there is left as it is.

Modes:
      --print-commit            check the working tree and print the full sha of the commit that would be published
  -o, --output <file.zip>       only build the package into this file; nothing is uploaded (no Azure needed)
  -a, --account-name <name>     make sure deployments/{sha}.zip exists in this storage account: build (or take
                                --file) and upload it when it is missing. Prints 'uploaded' or 'present' on stdout
      --check                   with --account-name: print 'present', 'missing' or 'unknown' (no access) and stop

Options:
  -c, --commit <sha>            the commit to package (default: HEAD). An explicit commit is taken as it is; the
                                working tree is not looked at
  -f, --file <file.zip>         upload this package instead of building one (it must be the package of the commit)
      --allow-dirty             package HEAD although the working tree has uncommitted or untracked files (they are
                                NOT in the package: it is built from the commit)
  -h, --help                    show this help

Needs: git; for a build the .NET 10 SDK and zip; for an upload the Azure CLI, logged in, with Storage Blob Data
Contributor on the container (the template grants it to its parameter deployerPrincipalId).
EOF
}

fail() {
  echo "publish-package.sh: $*" >&2
  exit 1
}

note() {
  echo "$*" >&2
}

need_value() {
  if [[ "$2" -lt 2 ]]; then
    fail "option $1 needs a value (see --help)"
  fi
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --print-commit) mode="print-commit"; shift ;;
    -o | --output) need_value "$1" "$#"; mode="build"; output_file="$2"; shift 2 ;;
    -a | --account-name) need_value "$1" "$#"; account_name="$2"; shift 2 ;;
    --check) mode="check"; shift ;;
    -c | --commit) need_value "$1" "$#"; commit="$2"; shift 2 ;;
    -f | --file) need_value "$1" "$#"; package_file="$2"; shift 2 ;;
    --allow-dirty) allow_dirty=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; fail "unknown argument: $1" ;;
  esac
done

if [[ -z "${mode}" && -n "${account_name}" ]]; then
  mode="upload"
fi
[[ -n "${mode}" ]] || { usage >&2; fail "choose --print-commit, --output or --account-name"; }
if [[ "${mode}" == "check" || "${mode}" == "upload" ]]; then
  [[ -n "${account_name}" ]] || fail "--check needs --account-name"
fi

command -v git >/dev/null 2>&1 || fail "git is not installed"
git -C "${repo_root}" rev-parse --git-dir >/dev/null 2>&1 || fail "${repo_root} is not a git working tree"

# Resolves the commit to publish. Only HEAD is compared with the working tree: an explicit commit (a rollback, a
# pipeline) is what it is, whatever is checked out.
resolve_commit() {
  if [[ -n "${commit}" ]]; then
    if resolved="$(git -C "${repo_root}" rev-parse --verify --quiet "${commit}^{commit}")"; then
      echo "${resolved}"
      return
    fi
    # A shallow clone (a pipeline) may not hold an older commit; its full sha still names its package.
    [[ "${commit}" =~ ^[0-9a-f]{40}$ ]] || fail "unknown commit ${commit} (give the full 40-character sha when it is not in this clone)"
    echo "${commit}"
    return
  fi

  local changes
  changes="$(git -C "${repo_root}" status --porcelain --untracked-files=normal)"
  if [[ -n "${changes}" ]]; then
    if [[ "${allow_dirty}" != true ]]; then
      note "The working tree has uncommitted or untracked files:"
      note "$(head -n 20 <<<"${changes}")"
      fail "commit (or stash) them first: only a commit is published. --allow-dirty publishes HEAD without them."
    fi
    note "WARNING: the working tree has uncommitted or untracked files; they are NOT published."
    note "         What is published is commit $(git -C "${repo_root}" rev-parse --short HEAD) as it is in git."
  fi
  git -C "${repo_root}" rev-parse --verify HEAD
}

build_package() {
  # $1 commit, $2 output zip
  local sha="$1" out="$2" work
  command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK (dotnet) is not installed"
  command -v zip >/dev/null 2>&1 || fail "zip is not installed"
  git -C "${repo_root}" cat-file -e "${sha}^{commit}" 2>/dev/null \
    || fail "commit ${sha} is not in this clone: fetch it (git fetch origin ${sha}) to build its package"

  work="$(mktemp -d)"
  temp_dirs+=("${work}")

  note "Building the package of commit ${sha} (from git, not from the working tree)"
  mkdir -p "${work}/source"
  git -C "${repo_root}" archive --format=tar "${sha}" | tar -x -C "${work}/source"
  dotnet publish "${work}/source/src/LerarenFunctions/LerarenFunctions.csproj" \
    --configuration Release \
    --output "${work}/publish" \
    --nologo \
    -p:ContinuousIntegrationBuild=true \
    -p:SourceRevisionId="${sha}" >&2

  # The Functions host needs host.json and the generated functions.metadata at the root of the package.
  [[ -f "${work}/publish/host.json" ]] || fail "the published output has no host.json at its root"
  [[ -f "${work}/publish/functions.metadata" ]] || fail "the published output has no functions.metadata (not a Functions worker build?)"

  mkdir -p "$(dirname "${out}")"
  rm -f "${out}"
  (cd "${work}/publish" && zip --quiet --recurse-paths -X "${work}/package.zip" .)
  mv "${work}/package.zip" "${out}"
  note "Package: ${out} ($(du -h "${out}" | cut -f1))"
}

# Prints 'present', 'missing' or 'unknown' (the blob could not be read: no role yet, a firewall, no container).
blob_state() {
  local sha="$1" exists
  if exists="$(az storage blob exists --auth-mode login --account-name "${account_name}" \
    --container-name "${container}" --name "${sha}.zip" --query exists --output tsv --only-show-errors 2>/dev/null)"; then
    if [[ "${exists}" == "true" ]]; then echo "present"; else echo "missing"; fi
  else
    echo "unknown"
  fi
}

upload_package() {
  local sha="$1" file="$2" attempt error_dir error_file
  error_dir="$(mktemp -d)"
  temp_dirs+=("${error_dir}")
  error_file="${error_dir}/az-error"
  # A role assignment the template just made can take minutes to apply, so a first upload is retried.
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    if az storage blob upload --auth-mode login --account-name "${account_name}" --container-name "${container}" \
      --name "${sha}.zip" --file "${file}" --content-type application/zip --overwrite false \
      --only-show-errors --output none 2>"${error_file}"; then
      return 0
    fi
    if [[ "$(blob_state "${sha}")" == "present" ]]; then
      # Another run uploaded the same commit meanwhile: same content, nothing to do.
      return 0
    fi
    note "Upload attempt ${attempt} failed: $(tr '\n' ' ' <"${error_file}" | cut -c1-300)"
    if [[ "${attempt}" -lt 10 ]]; then
      note "Waiting 30 s (a new role assignment can take a few minutes to apply)"
      sleep 30
    fi
  done
  note "Could not upload ${sha}.zip to ${account_name}/${container}. Check that:"
  note "  - you are signed in with the principal passed as deployerPrincipalId (it has Storage Blob Data Contributor on '${container}');"
  note "  - this machine can reach the storage account (its address is in allowedIpRanges, or it is in the virtual network)."
  exit 1
}

case "${mode}" in
  print-commit)
    resolve_commit
    ;;
  build)
    sha="$(resolve_commit)"
    build_package "${sha}" "${output_file}"
    ;;
  check)
    command -v az >/dev/null 2>&1 || fail "the Azure CLI (az) is not installed"
    sha="$(resolve_commit)"
    blob_state "${sha}"
    ;;
  upload)
    command -v az >/dev/null 2>&1 || fail "the Azure CLI (az) is not installed"
    sha="$(resolve_commit)"
    if [[ "$(blob_state "${sha}")" == "present" ]]; then
      note "Package ${container}/${sha}.zip is already in ${account_name}: not uploaded again"
      echo "present"
      exit 0
    fi
    if [[ -n "${package_file}" ]]; then
      [[ -f "${package_file}" ]] || fail "package file not found: ${package_file}"
      upload_package "${sha}" "${package_file}"
    else
      tmp_dir="$(mktemp -d)"
      temp_dirs+=("${tmp_dir}")
      build_package "${sha}" "${tmp_dir}/${sha}.zip"
      upload_package "${sha}" "${tmp_dir}/${sha}.zip"
    fi
    note "Uploaded ${container}/${sha}.zip to ${account_name}"
    echo "uploaded"
    ;;
esac
