#!/usr/bin/env bash
# (Re)deploys LerarenFunctions to one resource group: the infrastructure (main.bicep) and the code package of one
# commit. What runs in Azure is always exactly a commit: the template and the package are both taken from git, never
# from the working tree, and the app runs from deployments/{commit}.zip in its own storage account
# (WEBSITE_RUN_FROM_PACKAGE, read with the app's managed identity).
#
# Nothing changes before the operator has seen the what-if and confirmed (--yes skips the prompt, for pipelines).
# Run it twice and the second run changes nothing: the template is the same, the package is already there (never
# uploaded twice), and the app is only restarted when its package or its secrets changed.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "${script_dir}/.." && pwd)"
publish="${script_dir}/publish-package.sh"

# One fixed deployment name: a second deploy.sh run at the same time fails instead of racing the first, and the
# environment's outputs (storage account, vault, app) are always found under this name.
deployment_name="lerarenfunctions"
secret_operator_key="beheer-sleutel"
secret_smtp="smtp-wachtwoord"

resource_group=""
location="westeurope"
parameters_file=""
what_if=false
assume_yes=false
allow_dirty=false
rollback=""
generate_operator_key=false
skip_secret_check=false
deployer_object_id=""
allow_ip=""
health_timeout=600
azd_mode=false

usage() {
  cat <<'EOF'
Usage: infra/deploy.sh -g <resource-group> -p <parameters-file> [options]
       infra/deploy.sh --azd [options]            (from the azd hooks in azure.yaml)

Deploys infra/main.bicep and the code of the checked-out commit to one resource group:
  1. refuses a working tree with uncommitted or untracked files (--allow-dirty publishes HEAD without them);
  2. shows what the deployment would change (az deployment group what-if) and asks to confirm;
  3. builds the package of the commit (dotnet publish src/LerarenFunctions, zipped) unless it is already uploaded;
  4. deploys the template with packageUri = {packageContainerUrl}/{commit}.zip and deployerPrincipalId = you;
  5. uploads the package to the container 'deployments' (az storage blob upload --auth-mode login), once;
  6. checks that the Key Vault holds the secrets beheer-sleutel and smtp-wachtwoord (says how to set them);
  7. restarts the app and syncs its triggers when its package changed, then waits for GET /api/health = 200.
A first deployment deploys the template twice: the storage account must exist before the package can be uploaded.

Required (not with --azd):
  -g, --resource-group <name>      the environment's resource group (created when missing)
  -p, --parameters <file>          ARM parameters file, see infra/main.parameters.example.json

Options:
  -l, --location <region>          region of a new resource group (default: westeurope)
      --what-if                    only show what would change; change nothing
  -y, --yes                        do not ask for confirmation (pipelines); the what-if is still shown
      --allow-dirty                deploy although the working tree has uncommitted or untracked files: the
                                   commit HEAD is deployed as it is in git, without them
      --rollback <commit>          point the app at the package of an earlier commit that is already in
                                   'deployments' (redeploys the template of HEAD with that packageUri)
      --generate-operator-key      when beheer-sleutel is missing, store a random operator key in the Key Vault
                                   (never printed; read it with az keyvault secret show when you need it)
      --skip-secret-check          do not check the Key Vault's secrets (when you cannot read its secret list)
      --deployer-object-id <id>    object id for deployerPrincipalId (default: the signed-in user or principal)
      --allow-ip <address>         admit this public IP address to the storage and Key Vault firewalls while
                                   uploading and checking secrets, and remove it again (networkAccess 'public'
                                   with allowedIpRanges; for hosted CI runners)
      --health-timeout <seconds>   how long to wait for /api/health (default: 600; 0 skips the wait)
      --azd                        take the environment from azd (AZURE_RESOURCE_GROUP) after 'azd provision' and
                                   only publish and activate the package: no template deployment, no prompt. The
                                   app setting and the azd value PACKAGE_URI are set to the package; azd values
                                   DEPLOY_ALLOW_DIRTY=true, DEPLOY_GENERATE_OPERATOR_KEY=true and
                                   DEPLOY_ROLLBACK=<commit> stand for the options above
  -h, --help                       show this help

Exit codes: 0 done (or nothing to do), 1 error or cancelled, 3 a Key Vault secret is missing or cannot be checked
(on a first deployment the infrastructure is deployed but no code runs yet; set the secret and run again).

Needs: Azure CLI (az login, the right subscription selected with az account set), git, curl, and for a build the
.NET 10 SDK and zip. The signed-in account needs Contributor and User Access Administrator (or Owner) on the
resource group: the template assigns roles. See infra/README.md.

Examples:
  infra/deploy.sh -g rg-lerarenfunctions-test -p infra/main.parameters.test.json --what-if
  infra/deploy.sh -g rg-lerarenfunctions-test -p infra/main.parameters.test.json
  infra/deploy.sh -g rg-lerarenfunctions-test -p infra/main.parameters.test.json --rollback 1a2b3c4
EOF
}

fail() {
  echo "deploy.sh: $*" >&2
  exit 1
}

step() {
  echo
  echo "== $*"
}

need_value() {
  if [[ "$2" -lt 2 ]]; then
    fail "option $1 needs a value (see --help)"
  fi
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    -g | --resource-group) need_value "$1" "$#"; resource_group="$2"; shift 2 ;;
    -l | --location) need_value "$1" "$#"; location="$2"; shift 2 ;;
    -p | --parameters) need_value "$1" "$#"; parameters_file="$2"; shift 2 ;;
    --what-if) what_if=true; shift ;;
    -y | --yes) assume_yes=true; shift ;;
    --allow-dirty) allow_dirty=true; shift ;;
    --rollback) need_value "$1" "$#"; rollback="$2"; shift 2 ;;
    --generate-operator-key) generate_operator_key=true; shift ;;
    --skip-secret-check) skip_secret_check=true; shift ;;
    --deployer-object-id) need_value "$1" "$#"; deployer_object_id="$2"; shift 2 ;;
    --allow-ip) need_value "$1" "$#"; allow_ip="$2"; shift 2 ;;
    --health-timeout) need_value "$1" "$#"; health_timeout="$2"; shift 2 ;;
    --azd) azd_mode=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; fail "unknown argument: $1" ;;
  esac
done

if [[ "${azd_mode}" == true ]]; then
  # azd runs the hooks without arguments to pass on; its environment carries them instead.
  resource_group="${resource_group:-${AZURE_RESOURCE_GROUP:-}}"
  [[ "${DEPLOY_ALLOW_DIRTY:-}" == true ]] && allow_dirty=true
  [[ "${DEPLOY_GENERATE_OPERATOR_KEY:-}" == true ]] && generate_operator_key=true
  [[ -n "${DEPLOY_ROLLBACK:-}" && -z "${rollback}" ]] && rollback="${DEPLOY_ROLLBACK}"
  [[ "${what_if}" == false ]] || fail "--what-if does not go with --azd: use 'azd provision --preview'"
  [[ -n "${resource_group}" ]] || fail "AZURE_RESOURCE_GROUP is not set: run 'azd provision' first"
else
  [[ -n "${resource_group}" ]] || fail "the resource group is required (-g), see --help"
  [[ -n "${parameters_file}" ]] || fail "the parameters file is required (-p), see --help"
  [[ -f "${parameters_file}" ]] || fail "parameters file not found: ${parameters_file}"
  parameters_file="$(cd "$(dirname "${parameters_file}")" && pwd)/$(basename "${parameters_file}")"
fi
[[ "${health_timeout}" =~ ^[0-9]+$ ]] || fail "--health-timeout takes a number of seconds"
# Key Vault keeps an address as a /32 range (and matches a removal on that form); storage keeps the plain address.
vault_ip_rule="${allow_ip}"
[[ -z "${allow_ip}" || "${allow_ip}" == */* ]] || vault_ip_rule="${allow_ip}/32"

for tool in az git curl; do
  command -v "${tool}" >/dev/null 2>&1 || fail "${tool} is not installed"
done

# Temporary folders and a temporary firewall rule are removed however the script ends.
temp_dirs=()
opened_storage=""
opened_vault=""
firewalls_open=false
cleanup() {
  local dir
  # The next template deployment would reset the rules anyway; removing them now keeps the window short.
  if [[ -n "${opened_storage}" ]]; then
    echo "Removing ${allow_ip} from the firewall of ${opened_storage}"
    az storage account network-rule remove --resource-group "${resource_group}" --account-name "${opened_storage}" \
      --ip-address "${allow_ip}" --only-show-errors --output none 2>/dev/null || true
  fi
  if [[ -n "${opened_vault}" ]]; then
    echo "Removing ${allow_ip} from the firewall of ${opened_vault}"
    az keyvault network-rule remove --resource-group "${resource_group}" --name "${opened_vault}" \
      --ip-address "${vault_ip_rule}" --only-show-errors --output none 2>/dev/null || true
  fi
  for dir in ${temp_dirs[@]+"${temp_dirs[@]}"}; do
    rm -rf "${dir}"
  done
}
trap cleanup EXIT
work_dir="$(mktemp -d)"
temp_dirs+=("${work_dir}")

# ---------------------------------------------------------------------------------------------------------------
# Helpers

# The value of one output of the deployment $1, empty when it has none.
output_value() {
  az deployment group show --resource-group "${resource_group}" --name "$1" \
    --query "properties.outputs.$2.value" --output tsv --only-show-errors 2>/dev/null || true
}

# The deployment whose outputs describe the environment: ours, or the newest one that succeeded with the same
# outputs (an environment provisioned with azd has deployments of its own name).
find_environment_deployment() {
  local state
  state="$(az deployment group show --resource-group "${resource_group}" --name "${deployment_name}" \
    --query properties.provisioningState --output tsv --only-show-errors 2>/dev/null || true)"
  if [[ "${state}" == "Succeeded" ]]; then
    echo "${deployment_name}"
    return
  fi
  az deployment group list --resource-group "${resource_group}" --only-show-errors \
    --query "sort_by([?properties.provisioningState=='Succeeded' && properties.outputs.packageContainerUrl], &properties.timestamp)[-1].name" \
    --output tsv 2>/dev/null || true
}

read_environment() {
  local name
  function_app=""; storage_account=""; key_vault=""; container_url=""; host_name=""
  name="$(find_environment_deployment)"
  [[ -n "${name}" ]] || return 0
  function_app="$(output_value "${name}" functionAppName)"
  storage_account="$(output_value "${name}" storageAccountName)"
  key_vault="$(output_value "${name}" keyVaultName)"
  container_url="$(output_value "${name}" packageContainerUrl)"
  host_name="$(output_value "${name}" defaultHostName)"
}

# The object id of the signed-in principal, without Microsoft Graph rights for a service principal: the access
# token's 'oid' claim names it.
token_object_id() {
  local token payload
  token="$(az account get-access-token --query accessToken --output tsv --only-show-errors)" || return 1
  payload="${token#*.}"
  payload="${payload%%.*}"
  payload="$(tr '_-' '/+' <<<"${payload}")"
  while (( ${#payload} % 4 )); do payload+="="; done
  base64 -d <<<"${payload}" 2>/dev/null | sed -n 's/.*"oid":"\([0-9a-fA-F-]*\)".*/\1/p'
}

resolve_deployer() {
  local user_type
  user_type="$(az account show --query user.type --output tsv --only-show-errors)"
  if [[ "${user_type}" == "user" ]]; then
    deployer_type="User"
    [[ -n "${deployer_object_id}" ]] || deployer_object_id="$(az ad signed-in-user show --query id --output tsv --only-show-errors)"
  else
    deployer_type="ServicePrincipal"
    [[ -n "${deployer_object_id}" ]] || deployer_object_id="$(token_object_id || true)"
  fi
  [[ "${deployer_object_id}" =~ ^[0-9a-fA-F-]{36}$ ]] \
    || fail "could not determine the signed-in principal's object id; pass --deployer-object-id"
}

current_package_setting() {
  [[ -n "${function_app}" ]] || return 0
  az functionapp config appsettings list --resource-group "${resource_group}" --name "${function_app}" \
    --query "[?name=='WEBSITE_RUN_FROM_PACKAGE'].value | [0]" --output tsv --only-show-errors 2>/dev/null || true
}

# Sets secret_state to ok, missing or unknown, and missing_secrets to the names that are not there.
check_secrets() {
  local names secret
  missing_secrets=()
  if ! names="$(az keyvault secret list --vault-name "${key_vault}" --query "[?attributes.enabled].name" \
    --output tsv --only-show-errors 2>/dev/null)"; then
    secret_state="unknown"
    return 0
  fi
  for secret in "${secret_operator_key}" "${secret_smtp}"; do
    grep -qx "${secret}" <<<"${names}" || missing_secrets+=("${secret}")
  done
  if [[ ${#missing_secrets[@]} -eq 0 ]]; then secret_state="ok"; else secret_state="missing"; fi
}

explain_secrets() {
  local secret vault_id
  vault_id="$(az keyvault show --name "${key_vault}" --query id --output tsv --only-show-errors 2>/dev/null || echo "<the vault's resource id>")"
  echo
  if [[ "${secret_state}" == "unknown" ]]; then
    echo "Could not read the secret list of Key Vault ${key_vault} (no data access, or the vault's firewall)."
    echo "Reading it needs Key Vault Reader (or Key Vault Secrets Officer) on the vault and network access to it:"
    echo "  az role assignment create --role 'Key Vault Reader' --assignee ${deployer_object_id:-<object id>} --scope ${vault_id}"
    echo "Or check the secrets yourself and run again with --skip-secret-check."
    return
  fi
  echo "Key Vault ${key_vault} lacks: ${missing_secrets[*]}"
  echo "The template never writes secrets; set each once (you need Key Vault Secrets Officer on the vault):"
  echo "  az role assignment create --role 'Key Vault Secrets Officer' --assignee ${deployer_object_id:-<your object id>} --scope ${vault_id}"
  for secret in "${missing_secrets[@]}"; do
    case "${secret}" in
      "${secret_operator_key}")
        echo
        echo "  ${secret} (app setting Beheer__Sleutel, the operator key: at least 32 random characters)."
        echo "  Let deploy.sh store a random one without showing it: run again with --generate-operator-key, or:"
        echo "    read -rs KEY && az keyvault secret set --vault-name ${key_vault} --name ${secret} --value \"\$KEY\" --output none; unset KEY"
        ;;
      "${secret_smtp}")
        echo
        echo "  ${secret} (app setting Email__Password, the SMTP relay's secret):"
        echo "    read -rs PASSWORD && az keyvault secret set --vault-name ${key_vault} --name ${secret} --value \"\$PASSWORD\" --output none; unset PASSWORD"
        ;;
    esac
  done
  echo
  echo "Then run deploy.sh again with the same options."
}

# Stores a random operator key in the vault. The key goes from /dev/urandom to a private file to the vault: it is
# never echoed, never on a command line, never in a log.
store_operator_key() {
  local dir
  dir="$(mktemp -d)"
  temp_dirs+=("${dir}")
  chmod 700 "${dir}"
  (umask 077 && head -c 48 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' >"${dir}/key")
  az keyvault secret set --vault-name "${key_vault}" --name "${secret_operator_key}" --file "${dir}/key" \
    --encoding utf-8 --output none --only-show-errors
  rm -f "${dir}/key"
  echo "Stored a random operator key as ${secret_operator_key} in ${key_vault}; read it with:"
  echo "  az keyvault secret show --vault-name ${key_vault} --name ${secret_operator_key} --query value --output tsv"
}

# Makes sure both secrets are there (generating the operator key when asked to); stops with exit code 3 if not.
require_secrets() {
  [[ "${skip_secret_check}" == false ]] || { echo "Not checking the Key Vault's secrets (--skip-secret-check)"; return 0; }
  open_firewalls
  check_secrets
  if [[ "${secret_state}" == "missing" && "${generate_operator_key}" == true ]] \
    && grep -qx "${secret_operator_key}" < <(printf '%s\n' "${missing_secrets[@]}"); then
    store_operator_key
    secrets_changed=true
    check_secrets
  fi
  if [[ "${secret_state}" != "ok" ]]; then
    explain_secrets
    exit 3
  fi
  echo "Key Vault ${key_vault} holds ${secret_operator_key} and ${secret_smtp}"
}

# Decides before any change whether the secrets allow going on (a missing operator key is fine when it will be
# generated after the confirmation).
precheck_secrets() {
  [[ "${skip_secret_check}" == false && -n "${key_vault}" ]] || return 0
  check_secrets
  if [[ "${secret_state}" == "ok" ]]; then
    echo "Key Vault:       ${key_vault} holds ${secret_operator_key} and ${secret_smtp}"
    return 0
  fi
  if [[ "${secret_state}" == "missing" && "${generate_operator_key}" == true \
    && "${missing_secrets[*]}" == "${secret_operator_key}" ]]; then
    echo "Key Vault:       ${key_vault} lacks ${secret_operator_key}: a random one is generated (--generate-operator-key)"
    return 0
  fi
  if [[ "${secret_state}" == "unknown" && -n "${allow_ip}" ]]; then
    echo "Key Vault:       ${key_vault} is checked once its firewall admits ${allow_ip} (before the deployment)"
    secrets_deferred=true
    return 0
  fi
  explain_secrets
  exit 3
}

deploy_template() {
  # $1 packageUri
  az deployment group create --resource-group "${resource_group}" --name "${deployment_name}" \
    --template-file "${template_file}" --parameters "@${parameters_file}" \
    --parameters packageUri="$1" deployerPrincipalId="${deployer_object_id}" deployerPrincipalType="${deployer_type}" \
    --only-show-errors --output none
  firewalls_open=false
  read_environment
  [[ -n "${function_app}" && -n "${storage_account}" && -n "${container_url}" ]] \
    || fail "the deployment did not return functionAppName, storageAccountName and packageContainerUrl"
}

# --allow-ip: admits this machine to the storage account and the Key Vault for the data-plane steps (upload, secret
# check). Every template deployment writes the firewalls as the template has them, so this runs again after each.
open_firewalls() {
  [[ -n "${allow_ip}" && -n "${storage_account}" && "${firewalls_open}" == false ]] || return 0
  echo "Allowing ${allow_ip} on the firewalls of ${storage_account} and ${key_vault} (removed again at the end)"
  # An address that is already listed makes 'add' fail; that is fine.
  az storage account network-rule add --resource-group "${resource_group}" --account-name "${storage_account}" \
    --ip-address "${allow_ip}" --only-show-errors --output none 2>/dev/null || true
  opened_storage="${storage_account}"
  if [[ -n "${key_vault}" ]]; then
    az keyvault network-rule add --resource-group "${resource_group}" --name "${key_vault}" \
      --ip-address "${vault_ip_rule}" --only-show-errors --output none 2>/dev/null || true
    opened_vault="${key_vault}"
  fi
  firewalls_open=true
  # A new network rule takes a little while to apply; the upload retries as well.
  sleep 30
}

upload_package() {
  local result
  open_firewalls
  if [[ -f "${package_file}" ]]; then
    result="$("${publish}" --account-name "${storage_account}" --commit "${sha}" --file "${package_file}")"
  else
    result="$("${publish}" --account-name "${storage_account}" --commit "${sha}")"
  fi
  [[ "${result}" != "uploaded" ]] || package_uploaded=true
  package_state="present"
}

health_code() {
  curl --silent --output /dev/null --write-out '%{http_code}' --max-time 10 "https://${host_name}/api/health" || true
}

restart_app() {
  echo "Restarting ${function_app}"
  az functionapp restart --resource-group "${resource_group}" --name "${function_app}" --only-show-errors --output none
}

# A run-from-package URL app does not learn its triggers by itself: the platform must be told after a new package.
# https://learn.microsoft.com/azure/azure-functions/functions-deployment-technologies#trigger-syncing
sync_triggers() {
  local site_id _
  site_id="$(az functionapp show --resource-group "${resource_group}" --name "${function_app}" --query id --output tsv --only-show-errors)"
  for _ in 1 2 3; do
    if az resource invoke-action --action syncfunctiontriggers --ids "${site_id}" --only-show-errors --output none 2>/dev/null; then
      echo "Synced the triggers of ${function_app}"
      return 0
    fi
    sleep 20
  done
  echo "WARNING: could not sync the triggers; the restart normally does it too. If the timers or queues stay idle:" >&2
  echo "  az resource invoke-action --action syncfunctiontriggers --ids ${site_id}" >&2
}

wait_for_health() {
  local deadline restart_at code restarted_again=false
  if [[ "${health_timeout}" -eq 0 ]]; then
    echo "Not waiting for /api/health (--health-timeout 0)"
    return 0
  fi
  echo "Waiting for https://${host_name}/api/health (at most ${health_timeout} s)"
  deadline=$((SECONDS + health_timeout))
  restart_at=$((SECONDS + health_timeout / 2))
  while (( SECONDS < deadline )); do
    code="$(health_code)"
    if [[ "${code}" == "200" ]]; then
      echo "Healthy: /api/health answered 200"
      return 0
    fi
    echo "  /api/health answered ${code}; waiting"
    # On a first deployment the app's own role assignments may not have applied yet when it first starts; one more
    # restart halfway lets it read its package and storage once they have.
    if [[ "${restarted_again}" == false ]] && (( SECONDS >= restart_at )); then
      restart_app
      restarted_again=true
    fi
    sleep 15
  done
  echo "deploy.sh: /api/health did not answer 200 within ${health_timeout} s." >&2
  echo "  Look at the function app's logs in Application Insights (a bad setting stops the app with its name)," >&2
  echo "  check the Key Vault references (Configuration > Environment variables in the portal), then run again:" >&2
  echo "  nothing is redeployed, the app is restarted and watched." >&2
  exit 1
}

# Loads the package if anything it depends on changed, and watches it come up. Without changes it only looks.
activate() {
  step "Activating commit ${sha} on ${function_app}"
  if [[ "${package_uploaded}" == false && "${package_changed}" == false && "${secrets_changed}" == false ]]; then
    if [[ "$(health_code)" == "200" ]]; then
      echo "Nothing changed: ${function_app} already runs ${sha} and answers /api/health with 200"
      return 0
    fi
    echo "The package did not change, but /api/health does not answer 200: restarting"
  fi
  restart_app
  sync_triggers
  wait_for_health
}

confirm() {
  [[ "${assume_yes}" == false ]] || return 0
  [[ -t 0 ]] || fail "no terminal to confirm on: review the what-if and pass --yes to deploy without a prompt"
  local answer
  read -r -p "Deploy this? Type 'yes' to continue: " answer
  [[ "${answer}" == "yes" ]] || { echo "Cancelled: nothing was changed."; exit 1; }
}

# ---------------------------------------------------------------------------------------------------------------
# Who, where, what

step "Checking the Azure CLI and the commit"
subscription_id="$(az account show --query id --output tsv --only-show-errors 2>/dev/null)" \
  || fail "not logged in to Azure: run 'az login' (and 'az account set --subscription ...')"
subscription_name="$(az account show --query name --output tsv --only-show-errors)"
if [[ "${azd_mode}" == true && -n "${AZURE_SUBSCRIPTION_ID:-}" && "${AZURE_SUBSCRIPTION_ID}" != "${subscription_id}" ]]; then
  fail "az is signed in to subscription ${subscription_id}, the azd environment uses ${AZURE_SUBSCRIPTION_ID}: run 'az account set --subscription ${AZURE_SUBSCRIPTION_ID}'"
fi

allow_dirty_arg=()
[[ "${allow_dirty}" == false ]] || allow_dirty_arg=(--allow-dirty)
head_commit="$("${publish}" --print-commit ${allow_dirty_arg[@]+"${allow_dirty_arg[@]}"})"
if [[ -n "${rollback}" ]]; then
  sha="$("${publish}" --print-commit --commit "${rollback}")"
else
  sha="${head_commit}"
fi
commit_subject="$(git -C "${repo_root}" log -1 --format=%s "${sha}" 2>/dev/null || echo "not in this clone")"

deployer_type=""
[[ "${azd_mode}" == true ]] || resolve_deployer

group_exists="$(az group exists --name "${resource_group}" --output tsv --only-show-errors)"
function_app=""; storage_account=""; key_vault=""; container_url=""; host_name=""
[[ "${group_exists}" != true ]] || read_environment
first_provision=false
[[ -n "${container_url}" ]] || first_provision=true

package_uri=""
package_state="missing"
package_file="${work_dir}/${sha}.zip"
package_uploaded=false
package_changed=false
secrets_changed=false
secret_state=""
secrets_deferred=false
missing_secrets=()
if [[ "${first_provision}" == false ]]; then
  package_uri="${container_url}/${sha}.zip"
  package_state="$("${publish}" --account-name "${storage_account}" --commit "${sha}" --check)"
fi
require_rollback_package() {
  case "${package_state}" in
    present) ;;
    missing) fail "deployments/${sha}.zip is not in ${storage_account}: only a commit that was deployed before can be rolled back to (deploy it normally: check it out and run deploy.sh)" ;;
    *) fail "cannot read deployments/${sha}.zip in ${storage_account} (no Storage Blob Data role, or the storage firewall: see --allow-ip)" ;;
  esac
}
if [[ -n "${rollback}" ]]; then
  [[ "${first_provision}" == false ]] || fail "nothing is deployed in ${resource_group} yet: there is nothing to roll back"
  # Behind a firewall that --allow-ip opens, the package is looked for once it is open.
  [[ "${package_state}" == "unknown" && -n "${allow_ip}" ]] || require_rollback_package
fi

echo "Subscription:    ${subscription_name} (${subscription_id})"
echo "Resource group:  ${resource_group}$([[ "${group_exists}" == true ]] || echo " (new, in ${location})")"
echo "Commit:          ${sha} (${commit_subject})"
[[ -z "${rollback}" ]] || echo "Rollback:        to ${sha}; the template is that of HEAD ${head_commit}"
[[ "${azd_mode}" == true ]] || echo "Deployer:        ${deployer_object_id} (${deployer_type})"
if [[ "${first_provision}" == true ]]; then
  echo "Package:         first provision: built now, uploaded once the storage account exists"
  if [[ "${group_exists}" == true ]]; then
    # An environment made by an older template (or by hand) has no outputs to go by: it is provisioned from scratch,
    # and until its secrets are set and deploy.sh has run again, its app runs no code.
    echo "WARNING:         ${resource_group} exists but has no deployment with this template's outputs; it is treated as"
    echo "                 a first provision: its app runs no code until the Key Vault secrets are set and deploy.sh runs again."
  fi
else
  echo "Package:         ${package_uri} ($([[ "${package_state}" == present ]] && echo "already uploaded" || echo "built from the commit and uploaded"))"
fi
[[ "${first_provision}" == true ]] || precheck_secrets

# ---------------------------------------------------------------------------------------------------------------
# azd: azd provisioned the template; only publish the package, point the app at it and watch it.

if [[ "${azd_mode}" == true ]]; then
  [[ "${first_provision}" == false ]] || fail "no outputs of a provisioned environment found in ${resource_group}: run 'azd provision'"
  open_firewalls
  [[ -z "${rollback}" ]] || { package_state="$("${publish}" --account-name "${storage_account}" --commit "${sha}" --check)"; require_rollback_package; }
  require_secrets
  if [[ "${package_state}" != "present" ]]; then
    step "Publishing the package of ${sha}"
    upload_package
  fi
  if [[ "$(current_package_setting)" != "${package_uri}" ]]; then
    # The template sets this setting from PACKAGE_URI; keeping the azd environment in step makes the next
    # 'azd provision' write the same value instead of the old one.
    echo "Pointing ${function_app} at ${package_uri}"
    az functionapp config appsettings set --resource-group "${resource_group}" --name "${function_app}" \
      --settings "WEBSITE_RUN_FROM_PACKAGE=${package_uri}" --only-show-errors --output none
    package_changed=true
  fi
  if [[ "${PACKAGE_URI:-}" != "${package_uri}" ]] && command -v azd >/dev/null 2>&1; then
    azd env set PACKAGE_URI "${package_uri}"
  fi
  activate
  exit 0
fi

# ---------------------------------------------------------------------------------------------------------------
# Preview

# The template comes from the commit too (HEAD, also for a rollback), not from the working tree.
git -C "${repo_root}" archive --format=tar "${head_commit}" infra | tar -x -C "${work_dir}"
template_file="${work_dir}/infra/main.bicep"
[[ -f "${template_file}" ]] || fail "commit ${head_commit} has no infra/main.bicep"

step "What the deployment would change"
if [[ "${group_exists}" == true ]]; then
  az deployment group what-if --resource-group "${resource_group}" --template-file "${template_file}" \
    --parameters "@${parameters_file}" \
    --parameters packageUri="${package_uri}" deployerPrincipalId="${deployer_object_id}" deployerPrincipalType="${deployer_type}" \
    --exclude-change-types NoChange Ignore --only-show-errors
else
  echo "Resource group ${resource_group} does not exist: everything in main.bicep is created in ${location}."
fi
if [[ "${first_provision}" == true ]]; then
  echo "First provision: the template is deployed a second time once the package is uploaded; that second"
  echo "deployment only sets WEBSITE_RUN_FROM_PACKAGE to the package of ${sha}."
fi

if [[ "${what_if}" == true ]]; then
  echo
  echo "Preview only (--what-if): nothing was changed."
  exit 0
fi

confirm

# ---------------------------------------------------------------------------------------------------------------
# Changes

if [[ -z "${rollback}" && "${package_state}" != "present" ]]; then
  step "Building the package of ${sha}"
  "${publish}" --output "${package_file}" --commit "${sha}"
fi

if [[ "${group_exists}" != true ]]; then
  step "Creating resource group ${resource_group} in ${location}"
  az group create --name "${resource_group}" --location "${location}" --only-show-errors --output none
fi

if [[ -n "${allow_ip}" && "${first_provision}" == false ]]; then
  step "Opening the firewalls for ${allow_ip}"
  open_firewalls
  [[ "${package_state}" != "unknown" ]] || package_state="$("${publish}" --account-name "${storage_account}" --commit "${sha}" --check)"
  [[ -z "${rollback}" ]] || require_rollback_package
  [[ "${secrets_deferred}" == false ]] || require_secrets
fi

previous_package="$(current_package_setting)"

# When we can already write to 'deployments', the package goes first: the moment the app is pointed at it, it is
# there. Otherwise (a new deployer, whose role the template grants) it follows the deployment.
if [[ "${first_provision}" == false && "${package_state}" == "missing" ]]; then
  step "Uploading the package"
  upload_package
fi

step "Deploying the template (deployment ${deployment_name}; this can take several minutes)"
deploy_template "${package_uri}"
echo "Function app:    ${function_app} (https://${host_name})"

if [[ "${first_provision}" == true ]]; then
  step "Checking the Key Vault's secrets"
  require_secrets
  step "Uploading the package"
  upload_package
  package_uri="${container_url}/${sha}.zip"
  step "Pointing the app at its package (deployment ${deployment_name}, second run)"
  deploy_template "${package_uri}"
else
  if [[ "${package_state}" != "present" ]]; then
    step "Uploading the package"
    upload_package
  fi
  if [[ "${generate_operator_key}" == true ]]; then
    require_secrets
  fi
fi

[[ "${previous_package}" == "${package_uri}" ]] || package_changed=true
activate

echo
echo "Done: https://${host_name} runs commit ${sha}."
echo "Roll back with: infra/deploy.sh -g ${resource_group} -p ${parameters_file} --rollback <earlier commit>"
