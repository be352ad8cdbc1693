#!/usr/bin/env bash
# (Re)deploys LerarenFunctions to one resource group: the infrastructure (main.bicep), then the code.
# Safe to run again: the Bicep deployment is incremental and the code deployment replaces the package.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/.." && pwd)"
template_file="${script_dir}/main.bicep"
project_file="${repo_root}/src/LerarenFunctions/LerarenFunctions.csproj"

resource_group=""
location=""
parameters_file=""
what_if=false
skip_code=false

usage() {
  cat <<'EOF'
Usage: infra/deploy.sh -g <resource-group> -p <parameters-file> [options]

Deploys the LerarenFunctions infrastructure (infra/main.bicep) to a resource group, then
publishes src/LerarenFunctions and deploys it to the function app as a zip package.

Required:
  -g, --resource-group <name>   resource group to deploy to (created when missing)
  -p, --parameters <file>       ARM parameters file, see infra/main.parameters.example.json

Options:
  -l, --location <region>       region for a new resource group (default: westeurope)
      --what-if                 only show what the infrastructure deployment would change;
                                deploys nothing (the resource group must exist)
      --skip-code               deploy the infrastructure only, not the code
  -h, --help                    show this help

Needs: Azure CLI (logged in with 'az login', the right subscription selected with
'az account set'), the .NET 10 SDK and zip (the last two unless --skip-code or --what-if).

Examples:
  infra/deploy.sh -g rg-lerarenfunctions-test -p infra/main.parameters.test.json --what-if
  infra/deploy.sh -g rg-lerarenfunctions-test -p infra/main.parameters.test.json
EOF
}

fail() {
  echo "deploy.sh: $*" >&2
  exit 1
}

need_value() {
  # $1 option, $2 number of arguments left (including the option itself)
  if [[ "$2" -lt 2 ]]; then
    fail "option $1 needs a value (see --help)"
  fi
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    -g | --resource-group)
      need_value "$1" "$#"
      resource_group="$2"
      shift 2
      ;;
    -l | --location)
      need_value "$1" "$#"
      location="$2"
      shift 2
      ;;
    -p | --parameters)
      need_value "$1" "$#"
      parameters_file="$2"
      shift 2
      ;;
    --what-if)
      what_if=true
      shift
      ;;
    --skip-code)
      skip_code=true
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      usage >&2
      fail "unknown argument: $1"
      ;;
  esac
done

[[ -n "${resource_group}" ]] || fail "the resource group is required (-g), see --help"
[[ -n "${parameters_file}" ]] || fail "the parameters file is required (-p), see --help"
[[ -f "${parameters_file}" ]] || fail "parameters file not found: ${parameters_file}"
location="${location:-westeurope}"

command -v az >/dev/null 2>&1 || fail "the Azure CLI (az) is not installed"
if [[ "${what_if}" == false && "${skip_code}" == false ]]; then
  command -v dotnet >/dev/null 2>&1 || fail "the .NET SDK (dotnet) is not installed"
  command -v zip >/dev/null 2>&1 || fail "zip is not installed"
fi

subscription="$(az account show --query name --output tsv 2>/dev/null)" \
  || fail "not logged in to Azure: run 'az login' (and 'az account set --subscription ...')"
echo "Subscription:   ${subscription}"
echo "Resource group: ${resource_group}"
echo "Parameters:     ${parameters_file}"

group_exists="$(az group exists --name "${resource_group}" --output tsv)"

if [[ "${what_if}" == true ]]; then
  [[ "${group_exists}" == true ]] || fail "resource group ${resource_group} does not exist; what-if needs it (a first deployment creates everything)"
  az deployment group what-if \
    --resource-group "${resource_group}" \
    --template-file "${template_file}" \
    --parameters "@${parameters_file}"
  exit 0
fi

if [[ "${group_exists}" != true ]]; then
  echo "Creating resource group ${resource_group} in ${location}"
  az group create --name "${resource_group}" --location "${location}" --output none
fi

deployment_name="lerarenfunctions-$(date -u +%Y%m%d-%H%M%S)"
echo "Deploying infrastructure (deployment ${deployment_name})"
function_app="$(az deployment group create \
  --resource-group "${resource_group}" \
  --name "${deployment_name}" \
  --template-file "${template_file}" \
  --parameters "@${parameters_file}" \
  --query properties.outputs.functionAppName.value \
  --output tsv)"
[[ -n "${function_app}" ]] || fail "the deployment did not return the function app name"
echo "Function app:   ${function_app}"

if [[ "${skip_code}" == true ]]; then
  echo "Skipping the code deployment (--skip-code)"
  exit 0
fi

work_dir="$(mktemp -d)"
trap 'rm -rf "${work_dir}"' EXIT

echo "Publishing ${project_file}"
dotnet publish "${project_file}" --configuration Release --output "${work_dir}/publish"
(cd "${work_dir}/publish" && zip --quiet --recurse-paths "${work_dir}/app.zip" .)

echo "Deploying the code to ${function_app}"
az functionapp deployment source config-zip \
  --resource-group "${resource_group}" \
  --name "${function_app}" \
  --src "${work_dir}/app.zip" \
  --output none

host_name="$(az functionapp show --resource-group "${resource_group}" --name "${function_app}" --query defaultHostName --output tsv)"
echo "Done: https://${host_name}"
