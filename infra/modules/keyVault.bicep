// The Key Vault of the two secrets the app needs: 'beheer-sleutel' (Beheer__Sleutel) and 'smtp-wachtwoord'
// (Email__Password). An operator sets them once; this template never does, and app settings only refer to them.

@description('Azure region of the vault.')
param location string

@description('Tags of every resource.')
param tags { *: string }

@description('Name of the vault.')
param vaultName string

@description('\'public\' (public endpoint, firewall when allowedIpRanges is set) or \'private\' (private endpoint only).')
@allowed([
  'public'
  'private'
])
param networkAccess string

@description('IPv4 addresses or CIDR ranges that may reach the public endpoint (\'public\' mode); empty: any address.')
param allowedIpRanges string[]

@description('Resource id of the function app\'s subnet, admitted by the firewall in \'public\' mode.')
param appSubnetId string

@description('Resource id of the app\'s user-assigned identity: known when the deployment starts, so it names the role assignment.')
param identityId string

@description('Object (principal) id of the app\'s user-assigned identity.')
param identityPrincipalId string

@description('Resource id of the Log Analytics workspace that receives the audit log.')
param workspaceId string

@description('Whether the vault is reachable through its private endpoint only.')
var isPrivate = networkAccess == 'private'

// Key Vault Secrets User: read secret values, which is what a Key Vault reference in an app setting does.
@description('Role definition id of Key Vault Secrets User.')
var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: vaultName
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    // Access by Azure RBAC only: no access policies to drift from the role assignments.
    enableRbacAuthorization: true
    // A deleted vault or secret can be recovered for 90 days, and purge protection keeps anyone from shortening that:
    // the vault's name stays taken meanwhile (recover it rather than deploy a new one).
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: isPrivate ? 'Disabled' : 'Enabled'
    // As for storage: the app resolves its references through its subnet (service endpoint), never by outbound IP.
    networkAcls: {
      bypass: 'None'
      defaultAction: isPrivate || !empty(allowedIpRanges) ? 'Deny' : 'Allow'
      ipRules: isPrivate
        ? []
        : map(allowedIpRanges, range => {
            value: range
          })
      virtualNetworkRules: isPrivate
        ? []
        : [
            {
              id: appSubnetId
              ignoreMissingVnetServiceEndpoint: false
            }
          ]
    }
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identityId, secretsUserRoleId)
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
  }
}

// diagnosticSettings has no GA API version of this shape (2016-09-01 is the legacy one): see infra/README.md.
#disable-next-line use-recent-api-versions
resource auditLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: vault
  name: 'log-analytics'
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

@description('Resource id of the vault.')
output id string = vault.id
