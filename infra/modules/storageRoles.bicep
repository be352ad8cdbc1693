// Who may use the storage account's data: the app's identity (everything its triggers and clients do) and,
// optionally, the principal that uploads code packages (the package container only).

@description('Name of the storage account.')
param accountName string

@description('Name of the container that holds the code packages.')
param packageContainerName string

@description('Resource id of the app\'s user-assigned identity: known when the deployment starts, so it names the role assignments.')
param identityId string

@description('Object (principal) id of the app\'s user-assigned identity.')
param identityPrincipalId string

@description('Object id of the principal that uploads code packages; empty: none is given access.')
param deployerPrincipalId string

@description('Kind of the deployer principal.')
@allowed([
  'User'
  'ServicePrincipal'
])
param deployerPrincipalType string

// Built-in role definition ids: the same in every tenant.
@description('The app identity\'s roles on the account.')
var appRoleIds = [
  // Storage Blob Data Owner: the blob trigger's receipts and leases and the host's own containers (it creates them),
  // uploads and terugmeldingen, and user delegation keys for upload links.
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  // Storage Queue Data Contributor: the blob trigger's internal queue, the queue triggers (read, delete, poison
  // queue) and the app's own sends.
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  // Storage Table Data Contributor: every table of the app.
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
]

// Storage Blob Data Contributor: write (and overwrite, list, delete) blobs; granted on the package container only.
@description('Role definition id of Storage Blob Data Contributor.')
var blobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource account 'Microsoft.Storage/storageAccounts@2026-09-01' existing = {
  name: accountName

  resource blobService 'blobServices' existing = {
    name: 'default'

    resource packageContainer 'containers' existing = {
      name: packageContainerName
    }
  }
}

// Named from the identity's resource id rather than its principal id: the principal id exists only once the identity
// does, and a name computed from it would leave what-if unable to predict these assignments.
resource appRoles 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in appRoleIds: {
    scope: account
    name: guid(account.id, identityId, roleId)
    properties: {
      principalId: identityPrincipalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

resource deployerRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(deployerPrincipalId)) {
  scope: account::blobService::packageContainer
  name: guid(account::blobService::packageContainer.id, deployerPrincipalId, blobDataContributorRoleId)
  properties: {
    principalId: deployerPrincipalId
    principalType: deployerPrincipalType
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributorRoleId)
  }
}
