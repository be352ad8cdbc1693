// LerarenFunctions: one environment (test, prod, ...) in one resource group.
// Deployed with infra/deploy.sh or azd; see infra/README.md. Each module in modules/ owns one part; this file holds
// the parameters, the names, the app's identity and the app's settings.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------------------------
// Environment and network
// ---------------------------------------------------------------------------------------------------------------

@description('Azure region of every resource. Defaults to the region of the resource group.')
param location string = resourceGroup().location

@description('Short prefix of every resource name: lower-case letters and digits only, e.g. lrf.')
@minLength(2)
@maxLength(5)
param namePrefix string

@description('Environment name: lower-case letters and digits only, e.g. test or prod (with azd: the azd environment\'s name).')
@minLength(2)
@maxLength(6)
param environmentName string

@description('\'public\': storage and Key Vault keep their public endpoints, behind a firewall when allowedIpRanges is set. \'private\': private endpoints only, public access off.')
@allowed([
  'public'
  'private'
])
param networkAccess string = 'public'

@description('\'public\' mode: IPv4 addresses or CIDR ranges (operators, the deploy pipeline, boards that use upload links) that may reach storage and Key Vault directly. Empty: any address (Entra ID still decides). Ignored in \'private\' mode.')
param allowedIpRanges string[] = []

@description('Address space of the virtual network the app integrates with: a /24 or larger, not overlapping a network it may be peered with.')
param virtualNetworkAddressPrefix string = '10.60.0.0/24'

// ---------------------------------------------------------------------------------------------------------------
// Code and deployer
// ---------------------------------------------------------------------------------------------------------------

@description('URL of the code package the app runs: https://{storage account}.blob.{suffix}/deployments/{commit}.zip. Empty only on the very first provision, before a package exists; a redeploy with it empty leaves the app without code.')
param packageUri string = ''

@description('Object id of the operator or pipeline principal that uploads code packages: it gets Storage Blob Data Contributor on the deployments container only. Empty: nobody does.')
param deployerPrincipalId string = ''

@description('Kind of principal deployerPrincipalId is.')
@allowed([
  'User'
  'ServicePrincipal'
])
param deployerPrincipalType string = 'User'

// ---------------------------------------------------------------------------------------------------------------
// The app's settings (defaults equal the code's, see infra/README.md)
// ---------------------------------------------------------------------------------------------------------------

@description('Register:BaseUrl, base URL of the register API, e.g. https://register.example.nl/api/. A missing trailing slash is added.')
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

@description('Retention:Deliveries, how long a completed delivery (its row, batches, dead letters and content claim) is kept (d.hh:mm:ss).')
param deliveryRetention string = '400.00:00:00'

@description('Retention:DeadLetterRows, how long the rows (with BSNs) of a dead-lettered batch are kept for a replay (d.hh:mm:ss).')
param deadLetterRowsRetention string = '30.00:00:00'

@description('Retention:Emails, how long a sent e-mail (recipient, subject, when) is kept after it was sent, and a failed one after it was given up (d.hh:mm:ss).')
param emailRetention string = '90.00:00:00'

@description('Retention:BoardHistory, how long an entry of a board\'s history (who changed what, contact persons then) is kept (d.hh:mm:ss).')
param boardHistoryRetention string = '730.00:00:00'

@description('Retention:IdempotencyKeys, how long an Idempotency-Key of an upload over HTTP is honoured (d.hh:mm:ss).')
param idempotencyKeyRetention string = '7.00:00:00'

@description('Email:Host, the SMTP server: the Azure Communication Services SMTP relay.')
param emailHost string = 'smtp.azurecomm.net'

@description('Email:Port. 587 (submission with STARTTLS) for the relay, rather than the code\'s generic 25.')
@minValue(1)
@maxValue(65535)
param emailPort int = 587

@description('Email:Username, the relay\'s SMTP user name (Communication Services: the SMTP username of its Entra application). Its password is the Key Vault secret smtp-wachtwoord.')
@minLength(1)
param emailUsername string

@description('Email:FromAddress, a sender address of a verified domain of the Communication Services e-mail resource.')
@minLength(3)
param emailFromAddress string

@description('Ondersteuning:Telefoon, the Helpdesk Lerarenregister\'s telephone number in the support block of every e-mail; empty: left out.')
param supportTelephone string = ''

@description('Ondersteuning:Email, the Helpdesk Lerarenregister\'s e-mail address in the support block of every e-mail; empty: left out.')
param supportEmail string = ''

@description('Herinneringen:Schema, when the reminder timer runs (six-field NCRONTAB, UTC): daily at 07:00 by default.')
param reminderSchedule string = '0 0 7 * * *'

@description('Besturen:Deadlines:po, the last day a po board delivers (yyyy-MM-dd); empty: no deadline for the sector.')
param deadlinePo string = ''

@description('Besturen:Deadlines:vo, the last day a vo board delivers (yyyy-MM-dd); empty: no deadline for the sector.')
param deadlineVo string = ''

@description('Besturen:Deadlines:mbo, the last day an mbo board delivers (yyyy-MM-dd); empty: no deadline for the sector.')
param deadlineMbo string = ''

@description('Api:Snelheid:Aanvragen, POST requests one key may make per Api:Snelheid:Periode (counted per instance).')
@minValue(1)
@maxValue(1000000)
param apiRateLimitRequests int = 60

@description('Api:Snelheid:Periode, the window the API rate limit counts over (00:00:01 to 1.00:00:00).')
param apiRateLimitWindow string = '00:01:00'

@description('Uploadlinks:Geldigheid, how long an upload link can write its file (00:00:01 to 1.00:00:00).')
param uploadLinkValidity string = '00:15:00'

// ---------------------------------------------------------------------------------------------------------------
// Storage retention and capacity
// ---------------------------------------------------------------------------------------------------------------

@description('Days an uploaded file stays in container aanleveringen before the lifecycle policy deletes it.')
@minValue(1)
@maxValue(365)
param uploadRetentionDays int = 30

@description('Days a terugmelding stays in container terugmeldingen before the lifecycle policy deletes it (about as long as the delivery rows are kept).')
@minValue(1)
@maxValue(3650)
param reportRetentionDays int = 400

@description('Days a deleted blob or container stays recoverable (soft delete). A deleted upload keeps its BSNs that long: keep it short.')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int = 7

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

@description('Days Log Analytics keeps the logs, the access logs and the telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

// ---------------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------------

@description('Makes the globally unique names unique, stable per resource group.')
var suffix = uniqueString(resourceGroup().id)

@description('Start of every name, e.g. lrf-test.')
var baseName = toLower('${namePrefix}-${environmentName}')

@description('Name of the storage account: 3 to 24 lower-case letters and digits.')
var storageAccountName = take(toLower('${namePrefix}${environmentName}${suffix}'), 24)

@description('Name of the function app (and its default host name).')
var functionAppName = '${baseName}-func-${take(suffix, 6)}'

@description('Name of the Key Vault: at most 24 characters, globally unique.')
var keyVaultName = 'kv-${baseName}-${take(suffix, 6)}'

@description('Name of the Application Insights component.')
var appInsightsName = '${baseName}-appi'

// Not one of the app's StorageNames containers: only the platform reads it (WEBSITE_RUN_FROM_PACKAGE).
@description('Container of the code packages, {commit}.zip.')
var packageContainerName = 'deployments'

@description('Tags of every resource.')
var tags = {
  application: 'LerarenFunctions'
  environment: environmentName
}

@description('Whether storage and Key Vault are reached through private endpoints only.')
var isPrivate = networkAccess == 'private'

// ---------------------------------------------------------------------------------------------------------------
// The app's settings
// ---------------------------------------------------------------------------------------------------------------

// The register client resolves relative paths against the base URL: without a trailing slash its last segment is lost.
@description('registerBaseUrl with a trailing slash.')
var registerBaseUrlWithSlash = endsWith(registerBaseUrl, '/') ? registerBaseUrl : '${registerBaseUrl}/'

// The two secrets live in Key Vault, set once by an operator; the app reads them with its identity
// (keyVaultReferenceIdentity). Until a secret exists, App Service hands the app the reference text itself.
@description('Key Vault reference of the operator key.')
var operatorKeyReference = '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=beheer-sleutel)'

@description('Key Vault reference of the SMTP password.')
var smtpPasswordReference = '@Microsoft.KeyVault(VaultName=${keyVaultName};SecretName=smtp-wachtwoord)'

// Every setting the code reads that differs per environment, each from its parameter. Email:Security is left to
// the code's default (StartTls), as is every option whose code default is right everywhere (see infra/README.md).
@description('The app\'s own settings.')
var appSettings = [
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
    name: 'Retention__BoardHistory'
    value: boardHistoryRetention
  }
  {
    name: 'Retention__IdempotencyKeys'
    value: idempotencyKeyRetention
  }
  {
    name: 'Beheer__Sleutel'
    value: operatorKeyReference
  }
  {
    name: 'Api__Snelheid__Aanvragen'
    value: string(apiRateLimitRequests)
  }
  {
    name: 'Api__Snelheid__Periode'
    value: apiRateLimitWindow
  }
  {
    name: 'Uploadlinks__Geldigheid'
    value: uploadLinkValidity
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
    name: 'Email__Username'
    value: emailUsername
  }
  {
    name: 'Email__Password'
    value: smtpPasswordReference
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
]

// Only the sector deadlines that are set: a sector without a deadline has no setting, not an empty one.
@description('The sector deadlines that are set.')
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

// ---------------------------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------------------------

// Declared here rather than in a module: its resource id is then known when the deployment starts, and the modules
// name their role assignments after it.
resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: '${baseName}-id'
  location: location
  tags: tags
}

module network 'modules/network.bicep' = {
  params: {
    location: location
    tags: tags
    baseName: baseName
    networkAccess: networkAccess
    addressPrefix: virtualNetworkAddressPrefix
  }
}

module monitoring 'modules/monitoring.bicep' = {
  params: {
    location: location
    tags: tags
    workspaceName: '${baseName}-log'
    appInsightsName: appInsightsName
    logRetentionDays: logRetentionDays
    identityId: identity.id
    identityPrincipalId: identity.properties.principalId
  }
}

module storage 'modules/storage.bicep' = {
  params: {
    location: location
    tags: tags
    accountName: storageAccountName
    skuName: storageSkuName
    networkAccess: networkAccess
    allowedIpRanges: allowedIpRanges
    appSubnetId: network.outputs.appSubnetId
    packageContainerName: packageContainerName
    softDeleteRetentionDays: softDeleteRetentionDays
    uploadRetentionDays: uploadRetentionDays
    reportRetentionDays: reportRetentionDays
    workspaceId: monitoring.outputs.workspaceId
  }
}

module storageRoles 'modules/storageRoles.bicep' = {
  params: {
    accountName: storageAccountName
    packageContainerName: packageContainerName
    identityId: identity.id
    identityPrincipalId: identity.properties.principalId
    deployerPrincipalId: deployerPrincipalId
    deployerPrincipalType: deployerPrincipalType
  }
  dependsOn: [
    storage
  ]
}

module keyVault 'modules/keyVault.bicep' = {
  params: {
    location: location
    tags: tags
    vaultName: keyVaultName
    networkAccess: networkAccess
    allowedIpRanges: allowedIpRanges
    appSubnetId: network.outputs.appSubnetId
    identityId: identity.id
    identityPrincipalId: identity.properties.principalId
    workspaceId: monitoring.outputs.workspaceId
  }
}

module storageEndpoints 'modules/privateEndpoint.bicep' = [
  for groupId in ['blob', 'queue', 'table']: if (isPrivate) {
    params: {
      location: location
      tags: tags
      name: '${baseName}-st-${groupId}-pe'
      subnetId: network.outputs.endpointSubnetId
      serviceId: storage.outputs.id
      groupId: groupId
      privateDnsZoneId: network.outputs.privateDnsZoneIds[?groupId] ?? ''
    }
  }
]

module vaultEndpoint 'modules/privateEndpoint.bicep' = if (isPrivate) {
  params: {
    location: location
    tags: tags
    name: '${baseName}-kv-pe'
    subnetId: network.outputs.endpointSubnetId
    serviceId: keyVault.outputs.id
    groupId: 'vault'
    privateDnsZoneId: network.outputs.privateDnsZoneIds.?vault ?? ''
  }
}

// After the roles and the private endpoints: the app starts as soon as it exists, reads its secrets and storage
// with its identity, and in 'private' mode over the endpoints.
module functionApp 'modules/functionApp.bicep' = {
  params: {
    location: location
    tags: tags
    planName: '${baseName}-plan'
    appName: functionAppName
    maximumElasticWorkerCount: maximumElasticWorkerCount
    identityId: identity.id
    identityClientId: identity.properties.clientId
    appSubnetId: network.outputs.appSubnetId
    storageAccountName: storageAccountName
    packageUri: packageUri
    appInsightsName: appInsightsName
    workspaceId: monitoring.outputs.workspaceId
    appSettings: concat(appSettings, deadlineSettings)
  }
  dependsOn: [
    storageRoles
    keyVault
    storageEndpoints
    vaultEndpoint
  ]
}

// ---------------------------------------------------------------------------------------------------------------
// Outputs (read by deploy.sh and azd)
// ---------------------------------------------------------------------------------------------------------------

@description('Name of the function app.')
output functionAppName string = functionAppName

@description('Name of the storage account.')
output storageAccountName string = storageAccountName

@description('Name of the Key Vault that holds beheer-sleutel and smtp-wachtwoord.')
output keyVaultName string = keyVaultName

@description('URL of the container that code packages ({commit}.zip) are uploaded to.')
output packageContainerUrl string = 'https://${storageAccountName}.blob.${environment().suffixes.storage}/${packageContainerName}'

@description('Host name of the function app.')
output defaultHostName string = functionApp.outputs.defaultHostName

@description('Client id of the app\'s user-assigned identity.')
output identityClientId string = identity.properties.clientId
