// Log Analytics (every log and the access logs) and a workspace-based Application Insights that accepts only
// telemetry signed in with Microsoft Entra ID: the app sends it as its user-assigned identity.

@description('Azure region of the resources.')
param location string

@description('Tags of every resource.')
param tags { *: string }

@description('Name of the Log Analytics workspace.')
param workspaceName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Days Log Analytics keeps the logs and telemetry.')
param logRetentionDays int

@description('Resource id of the app\'s user-assigned identity: known when the deployment starts, so it names the role assignment.')
param identityId string

@description('Object (principal) id of the app\'s user-assigned identity.')
param identityPrincipalId string

// Monitoring Metrics Publisher: despite its name, what lets an identity send any telemetry to Application Insights.
@description('Role definition id of Monitoring Metrics Publisher.')
var metricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource workspace 'Microsoft.OperationalInsights/workspaces@2026-03-01' = {
  name: workspaceName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: logRetentionDays
    features: {
      // No workspace keys: queries and ingestion (diagnostic settings, Application Insights) use Entra ID.
      disableLocalAuth: true
    }
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    // The instrumentation key in the connection string then admits nothing by itself.
    DisableLocalAuth: true
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: appInsights
  name: guid(appInsights.id, identityId, metricsPublisherRoleId)
  properties: {
    principalId: identityPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', metricsPublisherRoleId)
  }
}

@description('Resource id of the Log Analytics workspace.')
output workspaceId string = workspace.id
