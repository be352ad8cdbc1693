// The Elastic Premium plan and the function app (.NET 10 isolated worker, Linux) with its hosting settings: storage,
// package and telemetry all by the user-assigned identity. The app's own settings come from main.bicep.

@description('Azure region of the plan and the app.')
param location string

@description('Tags of every resource.')
param tags { *: string }

@description('Name of the App Service plan.')
param planName string

@description('Name of the function app.')
param appName string

@description('Most instances the plan scales out to.')
param maximumElasticWorkerCount int

@description('Resource id of the app\'s user-assigned identity.')
param identityId string

@description('Client id of the app\'s user-assigned identity.')
param identityClientId string

@description('Resource id of the subnet the app integrates with.')
param appSubnetId string

@description('Name of the storage account (AzureWebJobsStorage).')
param storageAccountName string

@description('URL of the code package blob; empty: the app has no code yet.')
param packageUri string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Resource id of the Log Analytics workspace that receives the app\'s logs.')
param workspaceId string

@description('The app\'s own settings (what the code reads), as name and value.')
param appSettings {
  @description('Name of the app setting, e.g. Register__BaseUrl.')
  name: string

  @description('Value of the app setting.')
  value: string
}[]

// Storage by identity: the Functions host, the blob and queue triggers and the app's own clients all read these
// (StorageNames.Connection). No AzureWebJobsStorage connection string, so no account key anywhere.
//
// No Azure Files content share (WEBSITE_CONTENTAZUREFILECONNECTIONSTRING, WEBSITE_CONTENTSHARE): Azure Files takes
// only a connection string with the account key. Elastic Premium runs without the share when the app runs from a
// package URL in a private blob container, read with a managed identity, and AzureWebJobsStorage uses an identity
// ("Create an app without Azure Files", Azure Functions storage considerations). The price: no portal editing, no
// shared writable file system, and log streaming only through Application Insights.
@description('Settings of the Functions host and the platform.')
var hostingSettings = [
  {
    name: 'FUNCTIONS_EXTENSION_VERSION'
    value: '~4'
  }
  {
    name: 'FUNCTIONS_WORKER_RUNTIME'
    value: 'dotnet-isolated'
  }
  {
    name: 'AzureWebJobsStorage__blobServiceUri'
    value: 'https://${storageAccountName}.blob.${environment().suffixes.storage}'
  }
  {
    name: 'AzureWebJobsStorage__queueServiceUri'
    value: 'https://${storageAccountName}.queue.${environment().suffixes.storage}'
  }
  {
    name: 'AzureWebJobsStorage__tableServiceUri'
    value: 'https://${storageAccountName}.table.${environment().suffixes.storage}'
  }
  {
    name: 'AzureWebJobsStorage__credential'
    value: 'managedidentity'
  }
  {
    name: 'AzureWebJobsStorage__clientId'
    value: identityClientId
  }
  {
    // The platform fetches WEBSITE_RUN_FROM_PACKAGE with this identity (Storage Blob Data Owner on the account).
    name: 'WEBSITE_RUN_FROM_PACKAGE_BLOB_MI_RESOURCE_ID'
    value: identityId
  }
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: appInsights.properties.ConnectionString
  }
  {
    // Application Insights takes only Entra ID-signed telemetry (local auth is off): the host signs as the identity.
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    value: 'ClientId=${identityClientId};Authorization=AAD'
  }
]

// Run from the package: each deployment swaps the whole app at once, and a rollback points back at an older one.
// Left out before the first package exists, so the first provision can create the app without code.
@description('WEBSITE_RUN_FROM_PACKAGE when a package is given.')
var packageSettings = empty(packageUri)
  ? []
  : [
      {
        name: 'WEBSITE_RUN_FROM_PACKAGE'
        value: packageUri
      }
    ]

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

// Elastic Premium (EP1) for the polling blob trigger without cold starts, VNet integration and no time limit;
// why not Flex Consumption: docs/beslissingen/0001-elastic-premium.md.
resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
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

resource site 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    reserved: true
    httpsOnly: true
    clientAffinityEnabled: false
    // Boards and their administration systems call the HTTP API from anywhere; the API checks their keys.
    publicNetworkAccess: 'Enabled'
    keyVaultReferenceIdentity: identityId
    virtualNetworkSubnetId: appSubnetId
    siteConfig: {
      // All outbound traffic through the subnet: the service endpoints and private endpoints only see it there, and
      // Linux apps resolve Key Vault references through a private endpoint only this way.
      vnetRouteAllEnabled: true
      linuxFxVersion: 'DOTNET-ISOLATED|10.0'
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
      remoteDebuggingEnabled: false
      minimumElasticInstanceCount: 1
      // The scale controller cannot read the queues as the app's identity, nor through the firewall or a private
      // endpoint: the app reports what it needs itself.
      functionsRuntimeScaleMonitoringEnabled: true
      // GET /api/health asks storage and answers 200 or 503; an instance that keeps failing it is replaced.
      healthCheckPath: '/api/health'
      appSettings: concat(hostingSettings, packageSettings, appSettings)
    }
  }
}

// Nobody publishes with a user name and password: packages go to blob storage, and the SCM endpoint takes Entra ID.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

// diagnosticSettings has no GA API version of this shape (2016-09-01 is the legacy one): see infra/README.md.
#disable-next-line use-recent-api-versions
resource appLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: site
  name: 'log-analytics'
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
  }
}

@description('Host name of the function app, e.g. lrf-test-func-abc123.azurewebsites.net.')
output defaultHostName string = site.properties.defaultHostName
