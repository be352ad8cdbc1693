// LerarenFunctions: one environment (test, prod, ...) in one resource group.
// Deploy with infra/deploy.sh; see infra/README.md.

targetScope = 'resourceGroup'

@description('Azure region of every resource. Defaults to the region of the resource group.')
param location string = resourceGroup().location

@description('Short prefix of every resource name: lower-case letters and digits only, e.g. lrf.')
@minLength(2)
@maxLength(5)
param namePrefix string

@description('Environment name: lower-case letters and digits only, e.g. test or prod.')
@minLength(2)
@maxLength(6)
param environmentName string

@description('Base URL of the register API, e.g. https://register.example.nl/api/. A missing trailing slash is added.')
@minLength(10)
param registerBaseUrl string

@description('Register:AttemptTimeout, time allowed for one call to the register (00:00:00.100 to 00:05:00).')
param registerAttemptTimeout string = '00:00:10'

@description('Register:TotalTimeout, time allowed for a call including its retries; must exceed the attempt timeout (up to 00:10:00).')
param registerTotalTimeout string = '00:01:00'

@description('Register:MaxRetries, retries of a failed call to the register.')
@minValue(1)
@maxValue(10)
param registerMaxRetries int = 4

@description('Forwarding:BatchSize, records per register call, queue message and stored batch row.')
@minValue(1)
@maxValue(100)
param forwardingBatchSize int = 100

@description('Days an uploaded file stays in container aanleveringen before the lifecycle policy deletes it.')
@minValue(1)
@maxValue(365)
param uploadRetentionDays int = 30

@description('Days a terugmelding stays in container terugmeldingen before the lifecycle policy deletes it (about as long as the delivery rows are kept).')
@minValue(1)
@maxValue(3650)
param reportRetentionDays int = 400

@description('Retention:Deliveries, how long a completed delivery (its row, batches, dead letters and content claim) is kept (d.hh:mm:ss).')
param deliveryRetention string = '400.00:00:00'

@description('Retention:DeadLetterRows, how long the rows (with BSNs) of a dead-lettered batch are kept for a replay (d.hh:mm:ss).')
param deadLetterRowsRetention string = '30.00:00:00'

@description('Retention:Emails, how long a sent e-mail (recipient, subject, when) is kept after it was sent (d.hh:mm:ss).')
param emailRetention string = '90.00:00:00'

@description('The operator key (Beheer__Sleutel): at least 32 random characters. Pass it from a Key Vault reference in the parameters file; never commit it.')
@secure()
@minLength(32)
param operatorKey string

@description('Email:Host, the SMTP server: the Azure Communication Services SMTP relay.')
param emailHost string = 'smtp.azurecomm.net'

@description('Email:Port.')
@minValue(1)
@maxValue(65535)
param emailPort int = 587

@description('Email:Username, the relay\'s SMTP user name (Communication Services: the SMTP username of its Entra application).')
param emailUsername string

@description('Email:Password, the relay\'s secret. Pass it from a Key Vault reference in the parameters file; never commit it.')
@secure()
param emailPassword string

@description('Email:FromAddress, a sender address of a verified domain of the Communication Services e-mail resource.')
param emailFromAddress string

@description('Ondersteuning:Telefoon, the Helpdesk Lerarenregister\'s telephone number in the support block of every e-mail.')
param supportTelephone string = ''

@description('Ondersteuning:Email, the Helpdesk Lerarenregister\'s e-mail address in the support block of every e-mail.')
param supportEmail string = ''

@description('Herinneringen:Schema, when the reminder timer runs (six-field NCRONTAB, UTC): daily at 07:00 by default.')
param reminderSchedule string = '0 0 7 * * *'

@description('Besturen:Deadlines:po, the last day a po board delivers (yyyy-MM-dd); empty: no deadline for the sector.')
param deadlinePo string = ''

@description('Besturen:Deadlines:vo, the last day a vo board delivers (yyyy-MM-dd); empty: no deadline for the sector.')
param deadlineVo string = ''

@description('Besturen:Deadlines:mbo, the last day an mbo board delivers (yyyy-MM-dd); empty: no deadline for the sector.')
param deadlineMbo string = ''

@description('Most instances the Elastic Premium plan scales out to. Also bounds the parallel load on the register.')
@minValue(1)
@maxValue(20)
param maximumElasticWorkerCount int = 4

@description('Replication of the storage account.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Days Log Analytics keeps the logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

// Storage names: must equal LerarenFunctions.Infrastructure.Storage.StorageNames (a test compares them).
// The app also creates them at start; declaring them here lets the lifecycle policy, the triggers and the
// operators rely on them from the first deployment on.
// Literal names on purpose: the compiled template then shows them as they are.
var containerNames = [
  'aanleveringen'
  'terugmeldingen'
]
// Every queue with its poison queue: the Functions host moves a message there after maxDequeueCount (host.json),
// and a function of the app listens on it to record the batch as given up.
var queueNames = [
  'doorsturen'
  'doorsturen-poison'
  'email'
  'email-poison'
]
var tableNames = [
  'Aanleveringen'
  'Batches'
  'Inhoudsclaims'
  'DodeLetters'
  'Besturen'
  'Uitgaand'
  'Sleutels'
  'Idempotentie'
]

var suffix = uniqueString(resourceGroup().id)
var baseName = toLower('${namePrefix}-${environmentName}')
var storageAccountName = take(toLower('${namePrefix}${environmentName}${suffix}'), 24)
var functionAppName = '${baseName}-func-${take(suffix, 6)}'
var tags = {
  application: 'LerarenFunctions'
  environment: environmentName
}

// Only the sector deadlines that are set: a sector without a deadline has no setting, not an empty one.
var deadlineSettings = filter(
  [
    {
      name: 'Besturen__Deadlines__po'
      value: deadlinePo
    }
    {
      name: 'Besturen__Deadlines__vo'
      value: deadlineVo
    }
    {
      name: 'Besturen__Deadlines__mbo'
      value: deadlineMbo
    }
  ],
  setting => !empty(setting.value)
)

// The register client resolves relative paths against the base URL: without a trailing slash its last segment is lost.
var registerBaseUrlWithSlash = endsWith(registerBaseUrl, '/') ? registerBaseUrl : '${registerBaseUrl}/'

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${baseName}-log'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-appi'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
  }
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageAccountName
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: storageSkuName
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    // Shared keys stay on: the app reads AzureWebJobsStorage as a connection string (StorageOptions requires
    // AccountName=...), and WEBSITE_CONTENTAZUREFILECONNECTIONSTRING needs a key on Elastic Premium.
    allowSharedKeyAccess: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    // No soft delete: an upload holds BSNs, and when the lifecycle policy (or an operator) deletes it, it must be
    // gone, not kept for another retention period. Boards can deliver a file again.
    deleteRetentionPolicy: {
      enabled: false
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [
  for name in containerNames: {
    parent: blobService
    name: name
    properties: {
      publicAccess: 'None'
    }
  }
]

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for name in queueNames: {
    parent: queueService
    name: name
  }
]

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource tables 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = [
  for name in tableNames: {
    parent: tableService
    name: name
  }
]

// Uploads hold personal data (BSN) and are needed only until they are processed and a terugmelding exists:
// delete them after uploadRetentionDays. The status and the terugmelding stay; terugmeldingen (masked, but about
// people) go after reportRetentionDays. The app removes delivery rows itself (Retention__Deliveries).
resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
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

// Elastic Premium (EP1) rather than Consumption or Flex Consumption: the blob trigger of aanleveringen is the polling
// (non-Event Grid) kind, which on Consumption can start minutes late after an idle period; Premium keeps at least
// one pre-warmed instance, so files are picked up promptly and without cold starts. It also supports VNet
// integration and private endpoints later without moving the app, and has no 10-minute execution limit for a
// large file.
resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${baseName}-plan'
  location: location
  tags: tags
  kind: 'elastic'
  sku: {
    name: 'EP1'
    tier: 'ElasticPremium'
  }
  properties: {
    reserved: true // Linux
    maximumElasticWorkerCount: maximumElasticWorkerCount
  }
}

var storageConnectionString = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};EndpointSuffix=${environment().suffixes.storage};AccountKey=${storage.listKeys().keys[0].value}'

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    reserved: true
    httpsOnly: true
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      minimumElasticInstanceCount: 1
      appSettings: concat([
        {
          name: 'FUNCTIONS_EXTENSION_VERSION'
          value: '~4'
        }
        {
          name: 'FUNCTIONS_WORKER_RUNTIME'
          value: 'dotnet-isolated'
        }
        {
          // Triggers and SDK clients share this one connection (StorageNames.Connection). Built here from the
          // account's key at deployment time, so no secret is ever stored in the repository.
          name: 'AzureWebJobsStorage'
          value: storageConnectionString
        }
        {
          // Elastic Premium keeps the app's content on an Azure Files share; the platform creates it if missing.
          name: 'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING'
          value: storageConnectionString
        }
        {
          name: 'WEBSITE_CONTENTSHARE'
          value: functionAppName
        }
        {
          // Run from the deployed zip: deployments swap atomically, and rolling back is deploying an older zip.
          name: 'WEBSITE_RUN_FROM_PACKAGE'
          value: '1'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: appInsights.properties.ConnectionString
        }
        {
          name: 'Register__BaseUrl'
          value: registerBaseUrlWithSlash
        }
        {
          name: 'Register__AttemptTimeout'
          value: registerAttemptTimeout
        }
        {
          name: 'Register__TotalTimeout'
          value: registerTotalTimeout
        }
        {
          name: 'Register__MaxRetries'
          value: string(registerMaxRetries)
        }
        {
          name: 'Forwarding__BatchSize'
          value: string(forwardingBatchSize)
        }
        {
          name: 'Retention__Deliveries'
          value: deliveryRetention
        }
        {
          name: 'Retention__DeadLetterRows'
          value: deadLetterRowsRetention
        }
        {
          name: 'Retention__Emails'
          value: emailRetention
        }
        {
          name: 'Beheer__Sleutel'
          value: operatorKey
        }
        {
          name: 'Email__Host'
          value: emailHost
        }
        {
          name: 'Email__Port'
          value: string(emailPort)
        }
        {
          name: 'Email__Security'
          value: 'StartTls'
        }
        {
          name: 'Email__Username'
          value: emailUsername
        }
        {
          name: 'Email__Password'
          value: emailPassword
        }
        {
          name: 'Email__FromAddress'
          value: emailFromAddress
        }
        {
          name: 'Ondersteuning__Telefoon'
          value: supportTelephone
        }
        {
          name: 'Ondersteuning__Email'
          value: supportEmail
        }
        {
          // The timer's schedule is %Herinneringen:Schema%: the Functions host reads it from this setting.
          name: 'Herinneringen__Schema'
          value: reminderSchedule
        }
      ], deadlineSettings)
    }
  }
}

// FTP publishing is never used (deploy.sh deploys a zip over the SCM endpoint): switch its basic auth off.
resource ftpCredentials 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

output functionAppName string = functionApp.name
output storageAccountName string = storage.name
output defaultHostName string = functionApp.properties.defaultHostName
