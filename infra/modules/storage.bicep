// The one storage account: the app's data (uploads, terugmeldingen, queues, tables), the Functions host's own storage
// (AzureWebJobsStorage) and the code packages. Reached only with Microsoft Entra ID: there is no account key to use.

@description('Azure region of the account.')
param location string

@description('Tags of every resource.')
param tags { *: string }

@description('Name of the storage account.')
param accountName string

@description('Replication of the storage account.')
param skuName string

@description('\'public\' (public endpoint, firewall when allowedIpRanges is set) or \'private\' (private endpoints only).')
@allowed([
  'public'
  'private'
])
param networkAccess string

@description('IPv4 addresses or CIDR ranges that may reach the public endpoint (\'public\' mode); empty: any address.')
param allowedIpRanges string[]

@description('Resource id of the function app\'s subnet, admitted by the firewall in \'public\' mode.')
param appSubnetId string

@description('Name of the container that holds the code packages.')
param packageContainerName string

@description('Days a deleted blob or container stays recoverable.')
param softDeleteRetentionDays int

@description('Days after their last change that uploads in aanleveringen are deleted.')
param uploadRetentionDays int

@description('Days after their last change that terugmeldingen are deleted.')
param reportRetentionDays int

@description('Resource id of the Log Analytics workspace that receives the access logs.')
param workspaceId string

@description('Whether the account is reachable through private endpoints only.')
var isPrivate = networkAccess == 'private'

// Storage IP rules take addresses and ranges but reject a /31 or /32 prefix, so a single address loses its prefix.
@description('The firewall\'s IP rules, from allowedIpRanges.')
var ipRules = map(allowedIpRanges, range => {
  value: endsWith(range, '/32') ? split(range, '/')[0] : range
  action: 'Allow'
})

// Storage names: must equal LerarenFunctions.Infrastructure.Storage.StorageNames (a test compares them).
// The app also creates them at start; declaring them here lets the lifecycle policy, the triggers and the
// operators rely on them from the first deployment on.
// Literal names on purpose: the compiled template then shows them as they are.
@description('Blob containers of the app (StorageNames.Containers).')
var containerNames = [
  'aanleveringen'
  'terugmeldingen'
]

// Every queue with its poison queue: the Functions host moves a message there after maxDequeueCount (host.json),
// and a function of the app listens on it to record the batch as given up.
@description('Queues of the app with their poison queues (StorageNames.Queues).')
var queueNames = [
  'doorsturen'
  'doorsturen-poison'
  'email'
  'email-poison'
]

@description('Tables of the app (StorageNames.Tables).')
var tableNames = [
  'Aanleveringen'
  'Batches'
  'Inhoudsclaims'
  'DodeLetters'
  'Besturen'
  'Uitgaand'
  'Sleutels'
  'Idempotentie'
  'Sessies'
]

// The same three logs for each service: who read, wrote or deleted what, and when (an upload holds BSNs).
@description('Resource log categories sent to Log Analytics per storage service.')
var accessLogs = [
  {
    category: 'StorageRead'
    enabled: true
  }
  {
    category: 'StorageWrite'
    enabled: true
  }
  {
    category: 'StorageDelete'
    enabled: true
  }
]

resource account 'Microsoft.Storage/storageAccounts@2026-09-01' = {
  name: accountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    // No account key works: every client, the Functions host included, signs in with Microsoft Entra ID, and upload
    // links are user delegation SAS. The portal uses Entra ID too.
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowCrossTenantReplication: false
    isLocalUserEnabled: false
    isSftpEnabled: false
    // The polling blob trigger does not support a hierarchical namespace.
    isHnsEnabled: false
    publicNetworkAccess: isPrivate ? 'Disabled' : 'Enabled'
    // 'public' without allowedIpRanges: any address may try, Entra ID decides. With allowedIpRanges: only those and
    // the app's subnet (service endpoint). IP rules cannot admit the app itself: from the same region it reaches
    // storage over Azure's private addresses, not its outbound IPs, and App Service is no 'trusted service' either;
    // so no bypass is granted, nothing here needs one.
    networkAcls: {
      bypass: 'None'
      defaultAction: isPrivate || !empty(allowedIpRanges) ? 'Deny' : 'Allow'
      ipRules: isPrivate ? [] : ipRules
      virtualNetworkRules: isPrivate
        ? []
        : [
            {
              id: appSubnetId
              action: 'Allow'
            }
          ]
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2026-09-01' = {
  parent: account
  name: 'default'
  properties: {
    // Soft delete guards against a mistaken delete by an operator or a bug, at a privacy cost: a deleted upload,
    // BSNs and all, stays recoverable for softDeleteRetentionDays more (the lifecycle policy's deletes too). Hence a
    // short retention. Versioning stays off: it would keep every overwritten upload as well.
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
      allowPermanentDelete: false
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    isVersioningEnabled: false
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-09-01' = [
  for name in containerNames: {
    parent: blobService
    name: name
    properties: {
      publicAccess: 'None'
    }
  }
]

// Code packages ({commit}.zip), which the function app runs from (WEBSITE_RUN_FROM_PACKAGE). Not one of the app's
// StorageNames containers: the app never reads it, only the platform does, with the app's identity.
resource packageContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2026-09-01' = {
  parent: blobService
  name: packageContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2026-09-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2026-09-01' = [
  for name in queueNames: {
    parent: queueService
    name: name
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2026-09-01' = {
  parent: account
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2026-09-01' = [
  for name in tableNames: {
    parent: tableService
    name: name
  }
]

// Uploads hold personal data (BSN) and are needed only until they are processed and a terugmelding exists:
// delete them after uploadRetentionDays. The status and the terugmelding stay; terugmeldingen (masked, but about
// people) go after reportRetentionDays. The app removes delivery rows itself (Retention__Deliveries).
// No rule for the code packages: a rollback runs an older one, so they stay until an operator removes them.
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2026-09-01' = {
  parent: account
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'delete-uploads'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'aanleveringen/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: uploadRetentionDays
                }
              }
            }
          }
        }
        {
          name: 'delete-terugmeldingen'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              prefixMatch: [
                'terugmeldingen/'
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: reportRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
  dependsOn: [
    containers
  ]
}

// diagnosticSettings has no GA API version of this shape (2016-09-01 is the legacy one): see infra/README.md.
#disable-next-line use-recent-api-versions
resource blobLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: blobService
  name: 'log-analytics'
  properties: {
    workspaceId: workspaceId
    logs: accessLogs
  }
}

#disable-next-line use-recent-api-versions
resource queueLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: queueService
  name: 'log-analytics'
  properties: {
    workspaceId: workspaceId
    logs: accessLogs
  }
}

#disable-next-line use-recent-api-versions
resource tableLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: tableService
  name: 'log-analytics'
  properties: {
    workspaceId: workspaceId
    logs: accessLogs
  }
}

@description('Resource id of the storage account.')
output id string = account.id
