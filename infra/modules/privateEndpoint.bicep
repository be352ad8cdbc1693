// One private endpoint ('private' mode): a private address in the network for one service of one resource, with
// its DNS record kept in the private DNS zone, so the service's usual name resolves to it inside the network.

@description('Azure region of the endpoint.')
param location string

@description('Tags of every resource.')
param tags { *: string }

@description('Name of the private endpoint.')
param name string

@description('Resource id of the subnet the endpoint gets its address from.')
param subnetId string

@description('Resource id of the resource the endpoint connects to (a storage account or a vault).')
param serviceId string

@description('The service of that resource: blob, queue, table or vault.')
@allowed([
  'blob'
  'queue'
  'table'
  'vault'
])
param groupId string

@description('Resource id of the private DNS zone of that service.')
param privateDnsZoneId string

resource endpoint 'Microsoft.Network/privateEndpoints@2026-03-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    subnet: {
      id: subnetId
    }
    privateLinkServiceConnections: [
      {
        name: name
        properties: {
          privateLinkServiceId: serviceId
          groupIds: [
            groupId
          ]
        }
      }
    ]
  }
}

resource dnsZoneGroup 'Microsoft.Network/privateEndpoints/privateDnsZoneGroups@2026-03-01' = {
  parent: endpoint
  name: 'default'
  properties: {
    privateDnsZoneConfigs: [
      {
        name: groupId
        properties: {
          privateDnsZoneId: privateDnsZoneId
        }
      }
    ]
  }
}
